from django.urls import path

from kopru.core.routing import office_path

from .models import Consultation, Contribution, Section
from .views import panel, public

C = {"pk": Consultation}
K = {"pk": Contribution}

public_patterns = [
    path("istisareler/", public.consultation_list, name="list"),
    office_path("istisareler/<int:pk>/", public.consultation_detail, name="detail", models=C),
    office_path(
        "istisareler/bolum/<int:pk>/",
        public.section_detail,
        name="section",
        models={"pk": Section},
    ),
    office_path("istisareler/<int:pk>/rapor.pdf", public.report_pdf, name="report", models=C),
    path("istisareler/katki/<str:token>/", public.contribution_link, name="contribution"),
]

panel_patterns = [
    path("istisareler/", panel.panel_list, name="list"),
    path("istisareler/yeni/", panel.panel_create, name="create"),
    office_path("istisareler/<int:pk>/", panel.panel_detail, name="detail", models=C),
    office_path("istisareler/<int:pk>/duzenle/", panel.panel_edit, name="edit", models=C),
    office_path("istisareler/<int:pk>/yayimla/", panel.panel_publish, name="publish", models=C),
    office_path(
        "istisareler/<int:pk>/yanitlari-yayimla/",
        panel.panel_publish_answers,
        name="publish_answers",
        models=C,
    ),
    office_path(
        "istisareler/<int:pk>/bolum-ekle/", panel.panel_section_add, name="section_add", models=C
    ),
    office_path(
        "istisareler/bolum/<int:pk>/duzenle/",
        panel.panel_section_edit,
        name="section_edit",
        models={"pk": Section},
    ),
    office_path(
        "istisareler/<int:pk>/katkilar/",
        panel.panel_contributions,
        name="contributions",
        models=C,
    ),
    office_path("istisareler/katki/<int:pk>/yanit/", panel.panel_answer, name="answer", models=K),
    office_path("istisareler/katki/<int:pk>/gizle/", panel.panel_hide, name="hide", models=K),
    office_path(
        "istisareler/katki/<int:pk>/geri-al/", panel.panel_restore, name="restore", models=K
    ),
    office_path("istisareler/<int:pk>/rapor.pdf", panel.panel_report, name="report", models=C),
]
