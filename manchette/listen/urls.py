app_name = "listen"

urlpatterns = []
