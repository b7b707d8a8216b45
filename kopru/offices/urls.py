from django.urls import path

from . import views

public_patterns = [path("", views.office_home, name="home")]
panel_patterns = [
    path("", views.panel_home, name="home"),
    path("ofis/", views.panel_office_edit, name="edit"),
]
