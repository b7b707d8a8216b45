from django.urls import path

from kopru.core.routing import office_path

from .models import AnnualReport
from .views import national, panel

R = {"pk": AnnualReport}

panel_patterns = [
    path("faaliyet-raporu/", panel.report_list, name="list"),
    path("faaliyet-raporu/yeni/", panel.report_create, name="create"),
    office_path("faaliyet-raporu/<int:pk>/", panel.report_detail, name="detail", models=R),
    office_path(
        "faaliyet-raporu/<int:pk>/bolum/<str:section>/",
        panel.section_edit,
        name="section",
        models={**R, "section": "iv"},
    ),
    office_path("faaliyet-raporu/<int:pk>/onayla/", panel.report_approve, name="approve", models=R),
    office_path(
        "faaliyet-raporu/<int:pk>/yeni-surum/", panel.report_new_draft, name="new_draft", models=R
    ),
    office_path(
        "faaliyet-raporu/<int:pk>/dosyalar/", panel.report_generate, name="generate", models=R
    ),
    office_path(
        "faaliyet-raporu/<int:pk>/indir/<str:language>/<str:fmt>/",
        panel.report_download,
        name="download",
        models={**R, "language": "tr", "fmt": "pdf"},
    ),
]

national_patterns = [
    path("faaliyet-raporlari/", national.report_list, name="list"),
]
