from django.urls import path

from kopru.core.routing import office_path

from .models import Certificate, Event, Material, Registration, Session
from .views import certificates, checkin, panel, people, public

E = {"pk": Event}

public_patterns = [
    path("egitimler/", public.public_list, name="list"),
    path("egitimler/takvim.ics", public.public_calendar, name="calendar"),
    office_path("egitimler/<int:pk>/", public.public_event, name="event", models=E),
    office_path(
        "egitimler/materyal/<int:pk>/",
        public.public_material,
        name="material",
        models={"pk": Material},
    ),
    path("egitimler/kayit-iptal/<str:token>/", public.public_cancel, name="cancel"),
    path("egitimler/degerlendirme/<str:token>/", public.public_feedback, name="feedback"),
    path("sertifika/", public.certificate_lookup, name="certificate_lookup"),
    path("sertifika/<str:code>/", public.certificate_verify, name="certificate_verify"),
    path("sertifika/<str:code>/pdf/", public.certificate_pdf_public, name="certificate_pdf"),
]

panel_patterns = [
    path("egitimler/", panel.panel_list, name="list"),
    path("egitimler/yeni/", panel.panel_create, name="create"),
    path("egitim-istatistikleri/", panel.panel_statistics, name="statistics"),
    path("egitimler/gecmis-aktar/", panel.panel_import, name="import"),
    path("egitimler/gecmis-aktar/sablon.xlsx", panel.panel_import_template, name="import_template"),
    path("egitimler/kisisel-veri/", people.panel_people, name="people"),
    path("egitimler/kisisel-veri/disa-aktar/", people.panel_person_export, name="person_export"),
    path("egitimler/kisisel-veri/sil/", people.panel_person_erase, name="person_erase"),
    path("egitimler/yoklama/qr/", checkin.panel_checkin_qr, name="checkin_qr"),
    office_path("egitimler/<int:pk>/", panel.panel_detail, name="detail", models=E),
    office_path("egitimler/<int:pk>/duzenle/", panel.panel_edit, name="edit", models=E),
    office_path(
        "egitimler/<int:pk>/oturum/", panel.panel_session_add, name="session_add", models=E
    ),
    office_path(
        "egitimler/oturum/<int:pk>/sil/",
        panel.panel_session_delete,
        name="session_delete",
        models={"pk": Session},
    ),
    office_path(
        "egitimler/<int:pk>/materyal/", panel.panel_material_add, name="material_add", models=E
    ),
    office_path(
        "egitimler/materyal/<int:pk>/sil/",
        panel.panel_material_delete,
        name="material_delete",
        models={"pk": Material},
    ),
    office_path(
        "egitimler/<int:pk>/kayit-ac-kapat/",
        panel.panel_registration_toggle,
        name="registration_toggle",
        models=E,
    ),
    office_path("egitimler/<int:pk>/iptal/", panel.panel_cancel_event, name="cancel", models=E),
    office_path("egitimler/<int:pk>/kayit/", panel.panel_register, name="register", models=E),
    office_path(
        "egitimler/kayit/<int:pk>/iptal/",
        panel.panel_registration_cancel,
        name="registration_cancel",
        models={"pk": Registration},
    ),
    office_path("egitimler/<int:pk>/yoklama/", checkin.panel_checkin, name="checkin", models=E),
    office_path(
        "egitimler/<int:pk>/sertifikalar/",
        certificates.panel_certificates_issue,
        name="certificates_issue",
        models=E,
    ),
    office_path(
        "egitimler/kayit/<int:pk>/sertifika/",
        certificates.panel_certificate_single,
        name="certificate_single",
        models={"pk": Registration},
    ),
    office_path(
        "egitimler/sertifika/<int:pk>/pdf/",
        certificates.panel_certificate_pdf,
        name="certificate_pdf",
        models={"pk": Certificate},
    ),
    office_path(
        "egitimler/sertifika/<int:pk>/yeniden/",
        certificates.panel_certificate_reissue,
        name="certificate_reissue",
        models={"pk": Certificate},
    ),
    office_path(
        "egitimler/sertifika/<int:pk>/iptal/",
        certificates.panel_certificate_revoke,
        name="certificate_revoke",
        models={"pk": Certificate},
    ),
    office_path(
        "egitimler/<int:pk>/degerlendirme/",
        panel.panel_feedback_request,
        name="feedback_request",
        models=E,
    ),
]
