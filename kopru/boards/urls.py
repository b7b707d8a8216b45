from django.urls import path

from kopru.core.routing import office_path

from .models import (
    AgendaItem,
    Body,
    Invitation,
    Meeting,
    MeetingDocument,
    Membership,
    Minutes,
    MinutesComment,
)
from .views import panel, public

B = {"pk": Body}
M = {"pk": Meeting}
T = {"pk": Minutes}

public_patterns = [
    path("kurullar/", public.body_list, name="list"),
    path("kurullar/takvim.ics", public.calendar, name="calendar"),
    office_path("kurullar/<int:pk>/", public.body_detail, name="body", models=B),
    office_path("kurullar/toplanti/<int:pk>/", public.meeting_detail, name="meeting", models=M),
    office_path("kurullar/tutanak/<int:pk>/", public.minutes_detail, name="minutes", models=T),
    office_path("kurullar/tutanak/<int:pk>/pdf/", public.minutes_pdf, name="minutes_pdf", models=T),
    office_path(
        "kurullar/belge/<int:pk>/",
        public.document_download,
        name="document",
        models={"pk": MeetingDocument},
    ),
    path("kurullar/davet/<str:token>/", public.invitee, name="invitee"),
    path("kurullar/davet/<str:token>/yanit/", public.invitee_rsvp, name="invitee_rsvp"),
    path("kurullar/davet/<str:token>/gorus/", public.invitee_comment, name="invitee_comment"),
]

panel_patterns = [
    path("kurullar/", panel.body_list, name="list"),
    path("kurullar/yeni/", panel.body_create, name="create"),
    office_path("kurullar/bul/<str:kind>/", panel.lookup, name="lookup", models={"kind": "kurum"}),
    office_path("kurullar/<int:pk>/", panel.body_detail, name="body", models=B),
    office_path("kurullar/<int:pk>/duzenle/", panel.body_edit, name="body_edit", models=B),
    office_path("kurullar/<int:pk>/uye-ekle/", panel.membership_add, name="member_add", models=B),
    office_path(
        "kurullar/<int:pk>/toplanti-ekle/", panel.meeting_create, name="meeting_create", models=B
    ),
    office_path(
        "kurullar/uyelik/<int:pk>/",
        panel.membership_edit,
        name="member_edit",
        models={"pk": Membership},
    ),
    office_path("kurullar/toplanti/<int:pk>/", panel.meeting_detail, name="meeting", models=M),
    office_path(
        "kurullar/toplanti/<int:pk>/duzenle/", panel.meeting_edit, name="meeting_edit", models=M
    ),
    office_path(
        "kurullar/toplanti/<int:pk>/durum/", panel.meeting_status, name="meeting_status", models=M
    ),
    office_path(
        "kurullar/toplanti/<int:pk>/gundem/", panel.agenda_add, name="agenda_add", models=M
    ),
    office_path(
        "kurullar/toplanti/<int:pk>/gundem/acik-maddeler/",
        panel.agenda_pull,
        name="agenda_pull",
        models=M,
    ),
    office_path(
        "kurullar/toplanti/<int:pk>/belge/", panel.document_add, name="document_add", models=M
    ),
    office_path(
        "kurullar/toplanti/<int:pk>/uyeleri-davet-et/",
        panel.invite_members,
        name="invite_members",
        models=M,
    ),
    office_path(
        "kurullar/toplanti/<int:pk>/konuk/", panel.invite_guest, name="invite_guest", models=M
    ),
    office_path(
        "kurullar/toplanti/<int:pk>/davetleri-gonder/",
        panel.invitations_send,
        name="invitations_send",
        models=M,
    ),
    office_path("kurullar/toplanti/<int:pk>/yoklama/", panel.checkin, name="checkin", models=M),
    office_path(
        "kurullar/toplanti/<int:pk>/tutanak/", panel.minutes_start, name="minutes_start", models=M
    ),
    office_path(
        "kurullar/gundem/<int:pk>/",
        panel.agenda_edit,
        name="agenda_edit",
        models={"pk": AgendaItem},
    ),
    office_path(
        "kurullar/gundem/<int:pk>/tasi/",
        panel.agenda_move,
        name="agenda_move",
        models={"pk": AgendaItem},
    ),
    office_path(
        "kurullar/gundem/<int:pk>/sil/",
        panel.agenda_delete,
        name="agenda_delete",
        models={"pk": AgendaItem},
    ),
    office_path(
        "kurullar/belge/<int:pk>/",
        panel.document_download,
        name="document",
        models={"pk": MeetingDocument},
    ),
    office_path(
        "kurullar/belge/<int:pk>/sil/",
        panel.document_delete,
        name="document_delete",
        models={"pk": MeetingDocument},
    ),
    office_path(
        "kurullar/davet/<int:pk>/iptal/",
        panel.invitation_revoke,
        name="invitation_revoke",
        models={"pk": Invitation},
    ),
    office_path(
        "kurullar/davet/<int:pk>/yeni-baglanti/",
        panel.invitation_reissue,
        name="invitation_reissue",
        models={"pk": Invitation},
    ),
    office_path("kurullar/tutanak/<int:pk>/", panel.minutes_detail, name="minutes", models=T),
    office_path(
        "kurullar/tutanak/<int:pk>/gorus-ac/",
        panel.minutes_circulate,
        name="minutes_circulate",
        models=T,
    ),
    office_path(
        "kurullar/tutanak/<int:pk>/onayla/", panel.minutes_approve, name="minutes_approve", models=T
    ),
    office_path(
        "kurullar/tutanak/<int:pk>/yayimla/",
        panel.minutes_publish,
        name="minutes_publish",
        models=T,
    ),
    office_path(
        "kurullar/tutanak/<int:pk>/duzeltme/",
        panel.minutes_correct,
        name="minutes_correct",
        models=T,
    ),
    office_path(
        "kurullar/tutanak/<int:pk>/pdf/", panel.minutes_pdf_view, name="minutes_pdf", models=T
    ),
    office_path(
        "kurullar/gorus/<int:pk>/yanit/",
        panel.comment_answer,
        name="comment_answer",
        models={"pk": MinutesComment},
    ),
]
