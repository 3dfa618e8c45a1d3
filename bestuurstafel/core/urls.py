from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("start/", views.home, name="home"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("gezondheid/", views.health, name="health"),
]
