from django.urls import path

from . import views

public_patterns = [
    path("", views.office_home, name="home"),
    path("hakkinda/", views.office_about, name="about"),
    path("kisisel-veriler/", views.office_privacy, name="privacy"),
    path("erisilebilirlik/", views.office_accessibility, name="accessibility"),
    path("sitemap.xml", views.office_sitemap, name="sitemap"),
    path("ara/", views.office_search, name="search"),
    path("takvim.ics", views.office_calendar, name="calendar"),
]
panel_patterns = [
    path("", views.panel_home, name="home"),
    path("ofis/", views.panel_office_edit, name="edit"),
    path("ofis/ana-sayfa/", views.panel_home_layout, name="home_layout"),
]
