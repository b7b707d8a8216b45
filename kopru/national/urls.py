from django.urls import path

from .views import national

national_patterns = [
    path("", national.overview, name="overview"),
    path("ofis/<slug:slug>/", national.office_page, name="office"),
    path("disa-aktar/", national.export, name="export"),
]
