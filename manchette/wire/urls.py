app_name = "wire"

urlpatterns = []
