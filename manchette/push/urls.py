"""Push alerts for readers; included at the site's root by ``manchette/urls.py``."""

from django.urls import path

from . import views

app_name = "push"

urlpatterns = [
    path("alertes/", views.alerts_page, name="alerts"),
    # At the root, so that the worker's scope covers every page.
    path("sw.js", views.service_worker, name="service_worker"),
    path("push/key/", views.key, name="key"),
    path("push/subscriptions/", views.subscribe, name="subscribe"),
    path("push/subscriptions/find/", views.find, name="find"),
    path("push/subscriptions/cancel/", views.cancel, name="cancel"),
]
