"""Boards' pages: the minutes' phases through the panel and the invitee's signed link,
the refusals (revoked link, approved minutes, a stale edit), the PDF, the public pages
of a public body and the meetings calendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from kopru.boards.models import Invitation, Minutes, MinutesStatus, Rsvp, Visibility
from kopru.boards.tokens import make_token

from .factories import BodyFactory, MeetingDocumentFactory, MeetingFactory, MinutesFactory

pytestmark = pytest.mark.django_db

P = "/balikesir/panel/kurullar"


def _invitee_url(inv: Invitation) -> str:
    return f"/balikesir/kurullar/davet/{make_token(inv)}/"


def test_minutes_drafted_commented_through_the_link_approved_and_published(
    client: Any,
    past_meeting: Any,
    balikesir_expert: Any,
    balikesir_coordinator: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client.force_login(balikesir_expert)
    r = client.post(f"{P}/toplanti/{past_meeting.pk}/tutanak/")
    minutes = Minutes._base_manager.get(meeting=past_meeting)
    assert r.status_code == 302 and r["Location"].endswith(f"/tutanak/{minutes.pk}/")
    page = client.get(f"{P}/tutanak/{minutes.pk}/")
    assert page.status_code == 200 and "Katılımcıların görüşüne aç" in page.content.decode()
    r = client.post(
        f"{P}/tutanak/{minutes.pk}/",
        {
            "opening": minutes.opening,
            "discussion": "Hibe takvimi görüşüldü.",
            "closing": "",
            "version": minutes.version,
        },
    )
    assert r.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{P}/tutanak/{minutes.pk}/gorus-ac/", {"comments_close_on": ""})
    assert Minutes._base_manager.get(pk=minutes.pk).status == MinutesStatus.CIRCULATED
    assert [m.to for m in mail.outbox] == [["zeynep@example.org"], ["ali@example.org"]] or sorted(
        m.to[0] for m in mail.outbox
    ) == ["ali@example.org", "zeynep@example.org"]
    link = next(m for m in mail.outbox if m.to == ["zeynep@example.org"]).body
    token_url = next(w for w in link.split() if "/kurullar/davet/" in w).split("testserver")[-1]
    path = token_url[token_url.index("/balikesir/") :]

    client.logout()
    page = client.get(path)
    assert page.status_code == 200 and "Hibe takvimi görüşüldü." in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    r = client.post(path + "gorus/", {"text": "Odanın adı eksik yazılmış."})
    assert r.status_code == 302
    assert "Odanın adı eksik yazılmış." in client.get(path).content.decode()

    # An expert may not approve; the coordinator does, then publishes.
    client.force_login(balikesir_expert)
    assert client.post(f"{P}/tutanak/{minutes.pk}/onayla/").status_code == 404
    client.force_login(balikesir_coordinator)
    client.post(f"{P}/tutanak/{minutes.pk}/onayla/")
    client.post(f"{P}/tutanak/{minutes.pk}/yayimla/")
    assert Minutes._base_manager.get(pk=minutes.pk).status == MinutesStatus.PUBLISHED
    client.logout()
    public = client.get(f"/balikesir/kurullar/tutanak/{minutes.pk}/")
    assert public.status_code == 200 and "Hibe takvimi görüşüldü." in public.content.decode()
    assert "Zeynep Kaya" in public.content.decode()  # present, in the attendees


def test_editing_approved_minutes_is_refused_with_a_message(
    client: Any, past_meeting: Any, balikesir_expert: Any
) -> None:
    minutes = MinutesFactory(
        meeting=past_meeting, status=MinutesStatus.APPROVED, approved_at=timezone.now()
    )
    client.force_login(balikesir_expert)
    r = client.post(
        f"{P}/tutanak/{minutes.pk}/",
        {"discussion": "Değiştirilmiş.", "version": minutes.version},
        follow=True,
    )
    assert "Onaylanmış tutanak değiştirilemez" in r.content.decode()
    assert Minutes._base_manager.get(pk=minutes.pk).discussion == "Gündem maddeleri görüşüldü."


def test_a_stale_edit_of_draft_minutes_is_shown_as_a_conflict(
    client: Any, past_meeting: Any, balikesir_expert: Any
) -> None:
    minutes = MinutesFactory(meeting=past_meeting)
    client.force_login(balikesir_expert)
    first = {"opening": "", "discussion": "Birinci.", "closing": "", "version": minutes.version}
    assert client.post(f"{P}/tutanak/{minutes.pk}/", first).status_code == 302
    second = {**first, "discussion": "İkinci."}
    r = client.post(f"{P}/tutanak/{minutes.pk}/", second)
    assert r.status_code == 409
    assert Minutes._base_manager.get(pk=minutes.pk).discussion == "Birinci."


def test_rsvp_with_a_revoked_link_is_refused(
    client: Any, board: Any, balikesir_expert: Any
) -> None:
    meeting = MeetingFactory(body=board)
    client.force_login(balikesir_expert)
    client.post(f"{P}/toplanti/{meeting.pk}/uyeleri-davet-et/")
    inv = Invitation._base_manager.filter(meeting=meeting).first()
    url = _invitee_url(inv)
    client.logout()
    assert client.post(url + "yanit/", {"answer": "yes"}).status_code == 302
    assert Invitation._base_manager.get(pk=inv.pk).rsvp == Rsvp.YES
    client.force_login(balikesir_expert)
    client.post(f"{P}/davet/{inv.pk}/iptal/")
    client.logout()
    r = client.post(url + "yanit/", {"answer": "no"})
    assert r.status_code == 404
    assert "iptal edilmiş" in r.content.decode()
    assert Invitation._base_manager.get(pk=inv.pk).rsvp == Rsvp.YES
    assert client.get(url).status_code == 404
    assert client.get("/balikesir/kurullar/davet/bozuk-baglanti/").status_code == 404


def test_invitations_carry_a_calendar_file(
    client: Any,
    board: Any,
    balikesir_expert: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    meeting = MeetingFactory(body=board, title_tr="Bahar toplantısı")
    client.force_login(balikesir_expert)
    client.post(f"{P}/toplanti/{meeting.pk}/uyeleri-davet-et/")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{P}/toplanti/{meeting.pk}/davetleri-gonder/")
    assert len(mail.outbox) == 2
    name, content, kind = mail.outbox[0].attachments[0]
    assert (name, kind) == ("toplanti.ics", "text/calendar")
    text = content.decode() if isinstance(content, bytes) else content
    assert "BEGIN:VEVENT" in text and "Bahar toplantısı" in text
    assert "/kurullar/davet/" in mail.outbox[0].body


def test_checkin_uses_the_shared_page(
    client: Any, past_meeting: Any, balikesir_expert: Any
) -> None:
    ali = Invitation._base_manager.get(meeting=past_meeting, email="ali@example.org")
    client.force_login(balikesir_expert)
    url = f"{P}/toplanti/{past_meeting.pk}/yoklama/"
    assert "Ali Çelik" in client.get(url, {"q": "celik"}).content.decode()
    client.post(url, {"invitation": ali.pk})
    assert Invitation._base_manager.get(pk=ali.pk).checked_in_at is not None
    client.post(url, {"w-full_name": "Kapıdan Gelen", "w-organisation_name": "", "w-email": ""})
    assert Invitation._base_manager.filter(
        meeting=past_meeting, full_name="Kapıdan Gelen", checked_in_at__isnull=False
    ).exists()


def test_minutes_pdf(client: Any, past_meeting: Any, balikesir_expert: Any) -> None:
    minutes = MinutesFactory(meeting=past_meeting, discussion="Birinci paragraf.\n\nİkinci.")
    client.force_login(balikesir_expert)
    r = client.get(f"{P}/tutanak/{minutes.pk}/pdf/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")


def test_public_pages_of_a_public_body_only(client: Any, board: Any, balikesir: Any) -> None:
    hidden = BodyFactory(office=balikesir, visibility=Visibility.INTERNAL, name_tr="İç grup")
    meeting = MeetingFactory(body=board, title_tr="Açık toplantı")
    private_meeting = MeetingFactory(body=hidden)
    draft = MinutesFactory(meeting=meeting)
    doc = MeetingDocumentFactory(meeting=meeting, is_public=True)
    private_doc = MeetingDocumentFactory(meeting=meeting)
    page = client.get("/balikesir/kurullar/").content.decode()
    assert board.name_tr in page and "İç grup" not in page
    body_page = client.get(f"/balikesir/kurullar/{board.pk}/").content.decode()
    assert "Zeynep Kaya" in body_page and "zeynep@example.org" not in body_page
    assert client.get(f"/balikesir/kurullar/{hidden.pk}/").status_code == 404
    assert client.get(f"/balikesir/kurullar/toplanti/{meeting.pk}/").status_code == 200
    assert client.get(f"/balikesir/kurullar/toplanti/{private_meeting.pk}/").status_code == 404
    assert client.get(f"/balikesir/kurullar/tutanak/{draft.pk}/").status_code == 404
    assert client.get(f"/balikesir/kurullar/belge/{doc.pk}/").status_code == 200
    assert client.get(f"/balikesir/kurullar/belge/{private_doc.pk}/").status_code == 404
    ics = client.get("/balikesir/kurullar/takvim.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    assert "Açık toplantı" in ics.content.decode()
    assert private_meeting.title_tr not in ics.content.decode()


def test_panel_pages_render(
    client: Any, past_meeting: Any, board: Any, balikesir_expert: Any
) -> None:
    MeetingDocumentFactory(meeting=past_meeting)
    minutes = MinutesFactory(meeting=past_meeting)
    client.force_login(balikesir_expert)
    for url in (
        f"{P}/",
        f"{P}/yeni/",
        f"{P}/{board.pk}/",
        f"{P}/{board.pk}/duzenle/",
        f"{P}/{board.pk}/uye-ekle/",
        f"{P}/{board.pk}/toplanti-ekle/",
        f"{P}/toplanti/{past_meeting.pk}/",
        f"{P}/toplanti/{past_meeting.pk}/duzenle/",
        f"{P}/tutanak/{minutes.pk}/",
    ):
        assert client.get(url).status_code == 200, url
        assert client.get("/en" + url).status_code == 200, url


def test_body_meeting_and_seat_through_the_forms(
    client: Any, balikesir: Any, balikesir_expert: Any
) -> None:
    from kopru.core.tests.factories import OrganisationFactory

    org = OrganisationFactory(office=balikesir, name="Balıkesir Ticaret ve Sanayi Odası")
    client.force_login(balikesir_expert)
    r = client.post(
        f"{P}/yeni/",
        {
            "kind": "working_group",
            "name_tr": "Yeşil Mutabakat Çalışma Grubu",
            "visibility": "public",
            "term_months": 24,
            "is_active": "on",
        },
    )
    assert r.status_code == 302
    pk = int(r["Location"].rstrip("/").rsplit("/", 1)[-1])
    r = client.post(
        f"{P}/{pk}/uye-ekle/",
        {
            "organisation": org.pk,
            "full_name": "Can Aydın",
            "email": "can@example.org",
            "role": "chair",
        },
    )
    assert r.status_code == 302, r.content.decode()[:3000]
    start = timezone.localtime() + dt.timedelta(days=5)
    r = client.post(
        f"{P}/{pk}/toplanti-ekle/",
        {
            "title_tr": "İlk toplantı",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "place": "Valilik",
        },
    )
    assert r.status_code == 200 and "bitişi başlangıcından önce" in r.content.decode()
