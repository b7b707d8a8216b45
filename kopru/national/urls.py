from django.urls import path

from .views import national, site

national_patterns = [
    path("", national.overview, name="overview"),
    path("egilim/", national.trend, name="trend"),
    path("ofis/<slug:slug>/", national.office_page, name="office"),
    path("disa-aktar/", national.export, name="export"),
]

site_patterns = [
    path("ulusal-istatistikler/", site.national_statistics, name="statistics"),
]
