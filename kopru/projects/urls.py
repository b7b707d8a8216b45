from django.urls import path

from kopru.core.routing import office_path

from .models import Activity, Indicator, Milestone, Partner, Project, ReportDeadline
from .views import panel, public, shared

P = {"pk": Project}


def _project_routes(prefix: str) -> list:  # type: ignore[type-arg]
    return [
        path(f"{prefix}/", shared.project_list, name="list"),
        path(f"{prefix}/yeni/", shared.project_create, name="create"),
        office_path(f"{prefix}/<int:pk>/", shared.project_detail, name="detail", models=P),
        office_path(f"{prefix}/<int:pk>/duzenle/", shared.project_edit, name="edit", models=P),
        office_path(
            f"{prefix}/<int:pk>/asama/", shared.project_transition, name="transition", models=P
        ),
        office_path(f"{prefix}/<int:pk>/ortak/", shared.partner_add, name="partner_add", models=P),
        office_path(
            f"{prefix}/<int:pk>/ortak/<int:partner_pk>/sil/",
            shared.partner_remove,
            name="partner_remove",
            models={"pk": Project, "partner_pk": Partner},
        ),
        office_path(
            f"{prefix}/<int:pk>/cerceve/", shared.objective_add, name="objective_add", models=P
        ),
        office_path(
            f"{prefix}/<int:pk>/gosterge/", shared.indicator_add, name="indicator_add", models=P
        ),
        office_path(
            f"{prefix}/<int:pk>/gosterge/<int:indicator_pk>/deger/",
            shared.indicator_value_add,
            name="indicator_value_add",
            models={"pk": Project, "indicator_pk": Indicator},
        ),
        office_path(
            f"{prefix}/<int:pk>/faaliyet/", shared.activity_add, name="activity_add", models=P
        ),
        office_path(
            f"{prefix}/<int:pk>/faaliyet/<int:activity_pk>/",
            shared.activity_actual,
            name="activity_actual",
            models={"pk": Project, "activity_pk": Activity},
        ),
    ]


panel_patterns = [
    *_project_routes("projeler"),
    path("proje-izleme/", panel.monitoring, name="monitoring"),
    path("projeler/istatistik/", panel.statistics, name="statistics"),
    path("projeler/disa-aktar.xlsx", panel.export_xlsx, name="export"),
    path("projeler/ice-aktar/", panel.import_upload, name="import"),
    path("projeler/sablon.xlsx", panel.template_download, name="template"),
    office_path("projeler/<int:pk>/yayin/", panel.project_publish, name="publish", models=P),
    office_path(
        "projeler/<int:pk>/kilometre-tasi/", panel.milestone_add, name="milestone_add", models=P
    ),
    office_path(
        "projeler/<int:pk>/kilometre-tasi/<int:milestone_pk>/",
        panel.milestone_done,
        name="milestone_done",
        models={"pk": Project, "milestone_pk": Milestone},
    ),
    office_path("projeler/<int:pk>/rapor/", panel.deadline_add, name="deadline_add", models=P),
    office_path(
        "projeler/<int:pk>/rapor/<int:deadline_pk>/",
        panel.deadline_received,
        name="deadline_received",
        models={"pk": Project, "deadline_pk": ReportDeadline},
    ),
    office_path("projeler/<int:pk>/ziyaret/", panel.visit_add, name="visit_add", models=P),
]

member_patterns = _project_routes("projelerim")

public_patterns = [
    path("veri-bankasi/", public.databank, name="databank"),
    path("veri-bankasi/ilceler/", public.districts, name="districts"),
    path("veri-bankasi/<int:pk>/", public.public_detail, name="detail"),
    path(
        "veri-bankasi/acik-veri.<str:fmt>",
        public.open_data,
        name="open_data",
    ),
]
