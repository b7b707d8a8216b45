from typing import Any

from django.db.models import Model
from django.urls import URLPattern, path

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


def _record(
    model: type[Model], prefix: str, routes: list[tuple[str, Any, str]]
) -> list[URLPattern]:
    """``kurullar/<prefix><pk>/<suffix>`` for each ``(suffix, view, name)`` of one record."""
    return [
        office_path(f"kurullar/{prefix}<int:pk>/{suffix}", view, name=name, models={"pk": model})
        for suffix, view, name in routes
    ]


public_patterns = [
    path("kurullar/", public.body_list, name="list"),
    path("kurullar/takvim.ics", public.calendar, name="calendar"),
    *_record(Body, "", [("", public.body_detail, "body")]),
    *_record(Meeting, "toplanti/", [("", public.meeting_detail, "meeting")]),
    *_record(
        Minutes,
        "tutanak/",
        [("", public.minutes_detail, "minutes"), ("pdf/", public.minutes_pdf, "minutes_pdf")],
    ),
    *_record(MeetingDocument, "belge/", [("", public.document_download, "document")]),
    path("kurullar/davet/<str:token>/", public.invitee, name="invitee"),
    path("kurullar/davet/<str:token>/yanit/", public.invitee_rsvp, name="invitee_rsvp"),
    path("kurullar/davet/<str:token>/gorus/", public.invitee_comment, name="invitee_comment"),
]

panel_patterns = [
    path("kurullar/", panel.body_list, name="list"),
    path("kurullar/yeni/", panel.body_create, name="create"),
    office_path("kurullar/bul/<str:kind>/", panel.lookup, name="lookup", models={"kind": "kurum"}),
    *_record(
        Body,
        "",
        [
            ("", panel.body_detail, "body"),
            ("duzenle/", panel.body_edit, "body_edit"),
            ("uye-ekle/", panel.membership_add, "member_add"),
            ("toplanti-ekle/", panel.meeting_create, "meeting_create"),
        ],
    ),
    *_record(Membership, "uyelik/", [("", panel.membership_edit, "member_edit")]),
    *_record(
        Meeting,
        "toplanti/",
        [
            ("", panel.meeting_detail, "meeting"),
            ("duzenle/", panel.meeting_edit, "meeting_edit"),
            ("durum/", panel.meeting_status, "meeting_status"),
            ("gundem/", panel.agenda_add, "agenda_add"),
            ("gundem/acik-maddeler/", panel.agenda_pull, "agenda_pull"),
            ("belge/", panel.document_add, "document_add"),
            ("uyeleri-davet-et/", panel.invite_members, "invite_members"),
            ("konuk/", panel.invite_guest, "invite_guest"),
            ("davetleri-gonder/", panel.invitations_send, "invitations_send"),
            ("yoklama/", panel.checkin, "checkin"),
            ("tutanak/", panel.minutes_start, "minutes_start"),
        ],
    ),
    *_record(
        AgendaItem,
        "gundem/",
        [
            ("", panel.agenda_edit, "agenda_edit"),
            ("tasi/", panel.agenda_move, "agenda_move"),
            ("sil/", panel.agenda_delete, "agenda_delete"),
        ],
    ),
    *_record(
        MeetingDocument,
        "belge/",
        [
            ("", panel.document_download, "document"),
            ("sil/", panel.document_delete, "document_delete"),
        ],
    ),
    *_record(
        Invitation,
        "davet/",
        [
            ("iptal/", panel.invitation_revoke, "invitation_revoke"),
            ("yeni-baglanti/", panel.invitation_reissue, "invitation_reissue"),
        ],
    ),
    *_record(
        Minutes,
        "tutanak/",
        [
            ("", panel.minutes_detail, "minutes"),
            ("gorus-ac/", panel.minutes_circulate, "minutes_circulate"),
            ("onayla/", panel.minutes_approve, "minutes_approve"),
            ("yayimla/", panel.minutes_publish, "minutes_publish"),
            ("duzeltme/", panel.minutes_correct, "minutes_correct"),
            ("pdf/", panel.minutes_pdf_view, "minutes_pdf"),
        ],
    ),
    *_record(MinutesComment, "gorus/", [("yanit/", panel.comment_answer, "comment_answer")]),
]
