from django.urls import path

from kopru.core.routing import office_path

from . import views
from .models import Certificate, Event, Material, Registration, Session

E = {"pk": Event}

public_patterns = [
    path("egitimler/", views.public_list, name="list"),
    path("egitimler/takvim.ics", views.public_calendar, name="calendar"),
    office_path("egitimler/<int:pk>/", views.public_event, name="event", models=E),
    office_path(
        "egitimler/materyal/<int:pk>/",
        views.public_material,
        name="material",
        models={"pk": Material},
    ),
    path("egitimler/kayit-iptal/<str:token>/", views.public_cancel, name="cancel"),
    path("egitimler/degerlendirme/<str:token>/", views.public_feedback, name="feedback"),
    path("sertifika/<str:code>/", views.certificate_verify, name="certificate_verify"),
    path("sertifika/<str:code>/pdf/", views.certificate_pdf_public, name="certificate_pdf"),
]

panel_patterns = [
    path("egitimler/", views.panel_list, name="list"),
    path("egitimler/yeni/", views.panel_create, name="create"),
    path("egitim-istatistikleri/", views.panel_statistics, name="statistics"),
    path("egitimler/gecmis-aktar/", views.panel_import, name="import"),
    path("egitimler/gecmis-aktar/sablon.xlsx", views.panel_import_template, name="import_template"),
    path("egitimler/kisisel-veri/", views.panel_people, name="people"),
    path("egitimler/kisisel-veri/disa-aktar/", views.panel_person_export, name="person_export"),
    path("egitimler/kisisel-veri/sil/", views.panel_person_erase, name="person_erase"),
    path("egitimler/yoklama/qr/", views.panel_checkin_qr, name="checkin_qr"),
    office_path("egitimler/<int:pk>/", views.panel_detail, name="detail", models=E),
    office_path("egitimler/<int:pk>/duzenle/", views.panel_edit, name="edit", models=E),
    office_path(
        "egitimler/<int:pk>/oturum/", views.panel_session_add, name="session_add", models=E
    ),
    office_path(
        "egitimler/oturum/<int:pk>/sil/",
        views.panel_session_delete,
        name="session_delete",
        models={"pk": Session},
    ),
    office_path(
        "egitimler/<int:pk>/materyal/", views.panel_material_add, name="material_add", models=E
    ),
    office_path(
        "egitimler/materyal/<int:pk>/sil/",
        views.panel_material_delete,
        name="material_delete",
        models={"pk": Material},
    ),
    office_path(
        "egitimler/<int:pk>/kayit-ac-kapat/",
        views.panel_registration_toggle,
        name="registration_toggle",
        models=E,
    ),
    office_path("egitimler/<int:pk>/iptal/", views.panel_cancel_event, name="cancel", models=E),
    office_path("egitimler/<int:pk>/kayit/", views.panel_register, name="register", models=E),
    office_path(
        "egitimler/kayit/<int:pk>/iptal/",
        views.panel_registration_cancel,
        name="registration_cancel",
        models={"pk": Registration},
    ),
    office_path("egitimler/<int:pk>/yoklama/", views.panel_checkin, name="checkin", models=E),
    office_path(
        "egitimler/<int:pk>/sertifikalar/",
        views.panel_certificates_issue,
        name="certificates_issue",
        models=E,
    ),
    office_path(
        "egitimler/kayit/<int:pk>/sertifika/",
        views.panel_certificate_single,
        name="certificate_single",
        models={"pk": Registration},
    ),
    office_path(
        "egitimler/sertifika/<int:pk>/pdf/",
        views.panel_certificate_pdf,
        name="certificate_pdf",
        models={"pk": Certificate},
    ),
    office_path(
        "egitimler/sertifika/<int:pk>/yeniden/",
        views.panel_certificate_reissue,
        name="certificate_reissue",
        models={"pk": Certificate},
    ),
    office_path(
        "egitimler/sertifika/<int:pk>/iptal/",
        views.panel_certificate_revoke,
        name="certificate_revoke",
        models={"pk": Certificate},
    ),
    office_path(
        "egitimler/<int:pk>/degerlendirme/",
        views.panel_feedback_request,
        name="feedback_request",
        models=E,
    ),
]
