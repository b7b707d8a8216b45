from django.urls import path

from kopru.core import views
from kopru.core.models import Job
from kopru.core.routing import office_path

# "__by_model__": the record's model is named by the <model> argument.
panel_patterns = [
    office_path(
        "gecmis/<str:model>/<int:pk>/",
        views.record_history,
        name="history",
        models={"pk": "__by_model__"},
    ),
    path("isler/", views.job_list, name="jobs"),
    path("kisisel-veri/", views.personal_data, name="personal_data"),
    path("kisisel-veri/disa-aktar/", views.personal_data_export, name="personal_data_export"),
    path("kisisel-veri/sil/", views.personal_data_erase, name="personal_data_erase"),
    office_path("isler/<int:pk>/", views.job_detail, name="job", models={"pk": Job}),
]

national_patterns = [
    path("planlanmis-isler/", views.scheduler_page, name="scheduler"),
    path("es-anlamlilar/", views.thesaurus_page, name="thesaurus"),
    path("es-anlamlilar/<int:pk>/sil/", views.thesaurus_word_delete, name="thesaurus_delete"),
]
