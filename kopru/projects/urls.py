from django.urls import path

from kopru.core.routing import office_path

from . import public_views, views
from .models import Activity, Indicator, Milestone, Partner, Project, ReportDeadline

P = {"pk": Project}


def _project_routes(prefix: str) -> list:  # type: ignore[type-arg]
    return [
        path(f"{prefix}/", views.project_list, name="list"),
        path(f"{prefix}/yeni/", views.project_create, name="create"),
        office_path(f"{prefix}/<int:pk>/", views.project_detail, name="detail", models=P),
        office_path(f"{prefix}/<int:pk>/duzenle/", views.project_edit, name="edit", models=P),
        office_path(
            f"{prefix}/<int:pk>/asama/", views.project_transition, name="transition", models=P
        ),
        office_path(f"{prefix}/<int:pk>/ortak/", views.partner_add, name="partner_add", models=P),
        office_path(
            f"{prefix}/<int:pk>/ortak/<int:partner_pk>/sil/",
            views.partner_remove,
            name="partner_remove",
            models={"pk": Project, "partner_pk": Partner},
        ),
        office_path(
            f"{prefix}/<int:pk>/cerceve/", views.objective_add, name="objective_add", models=P
        ),
        office_path(
            f"{prefix}/<int:pk>/gosterge/", views.indicator_add, name="indicator_add", models=P
        ),
        office_path(
            f"{prefix}/<int:pk>/gosterge/<int:indicator_pk>/deger/",
            views.indicator_value_add,
            name="indicator_value_add",
            models={"pk": Project, "indicator_pk": Indicator},
        ),
        office_path(
            f"{prefix}/<int:pk>/faaliyet/", views.activity_add, name="activity_add", models=P
        ),
        office_path(
            f"{prefix}/<int:pk>/faaliyet/<int:activity_pk>/",
            views.activity_actual,
            name="activity_actual",
            models={"pk": Project, "activity_pk": Activity},
        ),
    ]


panel_patterns = [
    *_project_routes("projeler"),
    path("proje-izleme/", views.monitoring, name="monitoring"),
    path("projeler/istatistik/", views.statistics, name="statistics"),
    path("projeler/disa-aktar.xlsx", views.export_xlsx, name="export"),
    path("projeler/ice-aktar/", views.import_upload, name="import"),
    path("projeler/sablon.xlsx", views.template_download, name="template"),
    office_path("projeler/<int:pk>/yayin/", views.project_publish, name="publish", models=P),
    office_path(
        "projeler/<int:pk>/kilometre-tasi/", views.milestone_add, name="milestone_add", models=P
    ),
    office_path(
        "projeler/<int:pk>/kilometre-tasi/<int:milestone_pk>/",
        views.milestone_done,
        name="milestone_done",
        models={"pk": Project, "milestone_pk": Milestone},
    ),
    office_path("projeler/<int:pk>/rapor/", views.deadline_add, name="deadline_add", models=P),
    office_path(
        "projeler/<int:pk>/rapor/<int:deadline_pk>/",
        views.deadline_received,
        name="deadline_received",
        models={"pk": Project, "deadline_pk": ReportDeadline},
    ),
    office_path("projeler/<int:pk>/ziyaret/", views.visit_add, name="visit_add", models=P),
]

member_patterns = _project_routes("projelerim")

public_patterns = [
    path("veri-bankasi/", public_views.databank, name="databank"),
    path("veri-bankasi/ilceler/", public_views.districts, name="districts"),
    path("veri-bankasi/<int:pk>/", public_views.public_detail, name="detail"),
    path(
        "veri-bankasi/acik-veri.<str:fmt>",
        public_views.open_data,
        name="open_data",
    ),
]
