"""The desk's pages: public form and private page, panel desk, lists, case actions."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from kopru.core.models import RateLimitBucket
from kopru.core.scoping import office_scope, unscoped
from kopru.guidance.models import Case, CaseEntry, EntryKind, Status
from kopru.guidance.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

FORM = {
    "requester_name": "Zeynep Kaya",
    "requester_email": "zeynep@example.org",
    "requester_phone": "+90 266 123 45 67",
    "requester_organisation_name": "Altıeylül Halk Eğitim Merkezi",
    "requester_type": "public_body",
    "topic": "project_writing",
    "subject": "PCM eğitimi sonrası proje fikri",
    "message": "Yetişkin eğitimi alanında bir Erasmus+ projesi hazırlamak istiyoruz.",
    "consent": "on",
}


def _only_case() -> Case:
    with unscoped("test"):
        return Case.objects.get()


def test_visitor_sends_a_request_and_lands_on_its_private_page(
    client: Any, balikesir: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/balikesir/danisma/", FORM)
    assert response.status_code == 302
    case = _only_case()
    assert response["Location"] == f"/balikesir/danisma/takip/{case.private_token}/"
    page = client.get(response["Location"])
    body = page.content.decode()
    assert page.status_code == 200 and case.reference in body
    assert "Yetişkin eğitimi alanında" in body
    assert page["Referrer-Policy"] == "same-origin"
    assert "no-store" in page["Cache-Control"]
    assert [m.to for m in mail.outbox if case.reference in m.subject] == [["zeynep@example.org"]]


@pytest.mark.parametrize(
    ("change", "field_text"),
    [
        ({"requester_name": ""}, "Bu alan zorunlu"),
        ({"requester_email": "zeynep@"}, "geçerli bir e-posta"),
        ({"message": "x" * 5001}, "5000"),
        ({"message": "kısa"}, "birkaç sözcükle"),
        ({"requester_phone": "<script>"}, "Telefon numarası"),
        ({"consent": ""}, "kişisel veri onayı"),
        ({"topic": "hacking"}, "Geçerli bir seçenek"),
        ({"kp_website": "http://spam.example"}, "otomatik bir program"),
    ],
)
def test_the_public_form_refuses_bad_input_clearly(
    client: Any, balikesir: Any, change: dict[str, str], field_text: str
) -> None:
    response = client.post("/balikesir/danisma/", {**FORM, **change})
    assert response.status_code == 400
    assert field_text.lower() in response.content.decode().lower()
    with unscoped("test"):
        assert not Case.objects.exists()


def test_a_burst_from_one_address_is_slowed_not_accepted(client: Any, balikesir: Any) -> None:
    for i in range(5):
        assert (
            client.post("/balikesir/danisma/", {**FORM, "subject": f"Soru {i}"}).status_code == 302
        )
    slowed = client.post("/balikesir/danisma/", {**FORM, "subject": "Soru 6"})
    assert slowed.status_code == 429
    assert int(slowed["Retry-After"]) > 0
    assert "dakika sonra" in slowed.content.decode()
    with unscoped("test"):
        assert Case.objects.count() == 5
    # Another address is not slowed by this one.
    other = client.post("/balikesir/danisma/", FORM, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302
    assert RateLimitBucket.objects.count() == 2


def test_the_form_and_errors_speak_english_under_en(client: Any, balikesir: Any) -> None:
    page = client.get("/en/balikesir/danisma/")
    assert page.status_code == 200 and "Request for guidance" in page.content.decode()
    bad = client.post("/en/balikesir/danisma/", {**FORM, "consent": ""})
    assert bad.status_code == 400
    assert "consent to the processing" in bad.content.decode()


def test_the_request_can_concern_a_call(client: Any, balikesir: Any) -> None:
    from kopru.calls.tests.factories import PublishedCallFactory

    call = PublishedCallFactory(office=balikesir)
    page = client.get(f"/balikesir/danisma/?cagri={call.pk}")
    assert str(call.title) in page.content.decode()
    client.post("/balikesir/danisma/", {**FORM, "cagri": str(call.pk)})
    assert _only_case().call_id == call.pk


def test_private_page_takes_replies_and_refuses_forged_links(
    client: Any, balikesir: Any, izmir: Any
) -> None:
    case = CaseFactory(office=balikesir)
    url = f"/balikesir/danisma/takip/{case.private_token}/"
    assert client.get(f"/izmir/danisma/takip/{case.private_token}/").status_code == 404
    assert client.get(url[:-5] + "abcd/").status_code == 404
    assert client.post(url, {"body": ""}).status_code == 400
    assert client.post(url, {"body": "Belgeleri yükledim."}).status_code == 302
    with unscoped("test"):
        assert CaseEntry.objects.filter(case=case, kind=EntryKind.REQUESTER).count() == 1
    # Internal notes never reach the requester's page.
    with unscoped("test"):
        CaseEntry.objects.create(office=balikesir, case=case, kind=EntryKind.NOTE, body="GİZLİ NOT")
    assert "GİZLİ NOT" not in client.get(url).content.decode()


def test_desk_overview_has_a_bounded_number_of_queries(
    client_for: Any,
    balikesir: Any,
    balikesir_coordinator: Any,
    balikesir_expert: Any,
    django_assert_max_num_queries: Any,
) -> None:
    today = timezone.localdate()
    for i in range(30):
        CaseFactory(
            office=balikesir,
            assigned_to=balikesir_expert if i % 2 else None,
            status=Status.ASSIGNED if i % 2 else Status.NEW,
            follow_up_on=today - dt.timedelta(days=1) if i % 5 == 0 else None,
            first_response_seconds=3600 * i if i % 3 else None,
        )
    client = client_for(balikesir_coordinator)
    with django_assert_max_num_queries(20):
        page = client.get("/balikesir/panel/danisma/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "İş yükü" in text or "iş yükü" in text
    assert balikesir_expert.username in text or balikesir_expert.get_full_name() in text


def test_case_list_filters_and_is_bounded(
    client_for: Any, balikesir: Any, balikesir_expert: Any, django_assert_max_num_queries: Any
) -> None:
    for i in range(40):
        CaseFactory(
            office=balikesir,
            assigned_to=balikesir_expert if i < 10 else None,
            subject=f"İZMİR yolu {i}" if i == 3 else f"Soru {i}",
        )
    client = client_for(balikesir_expert)
    with django_assert_max_num_queries(15):
        page = client.get("/balikesir/panel/danisma-talepleri/")
    assert page.status_code == 200 and "40 talep" in page.content.decode()
    mine = client.get("/balikesir/panel/danisma-talepleri/?uzman=ben")
    assert "10 talep" in mine.content.decode()
    found = client.get("/balikesir/panel/danisma-talepleri/?q=izmir")
    assert "İZMİR yolu 3" in found.content.decode() and "1 talep" in found.content.decode()


def test_expert_answers_and_closes_a_case_from_its_page(
    client_for: Any, balikesir: Any, balikesir_expert: Any, django_capture_on_commit_callbacks: Any
) -> None:
    case = CaseFactory(office=balikesir)
    client = client_for(balikesir_expert)
    base = f"/balikesir/panel/danisma/{case.pk}/"
    assert client.get(base).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(base + "islem/reply/", {"body": "Program rehberini inceleyin."})
    assert r.status_code == 302
    assert any("Program rehberini" in m.body for m in mail.outbox)
    assert client.post(base + "islem/close/", {"outcome": ""}).status_code == 400
    assert client.post(base + "islem/close/", {"outcome": "advice", "note": ""}).status_code == 302
    case.refresh_from_db()
    assert case.status == Status.CLOSED and case.assigned_to == balikesir_expert
    assert client.get(base + "islem/close/").status_code == 405
    assert client.post(base + "islem/unknown/").status_code == 404


def test_quick_log_form(client_for: Any, balikesir: Any, balikesir_expert: Any) -> None:
    client = client_for(balikesir_expert)
    assert client.get("/balikesir/panel/danisma/yeni/").status_code == 200
    r = client.post(
        "/balikesir/panel/danisma/yeni/",
        {
            "channel": "visit",
            "topic": "implementation",
            "subject": "Ara rapor formu",
            "requester_organisation_name": "Bandırma Belediyesi",
            "advice": "Ara rapor şablonu verildi.",
            "answered_now": "on",
            "assigned_to": str(balikesir_expert.pk),
        },
    )
    assert r.status_code == 302
    case = _only_case()
    assert case.channel == "visit" and case.status == Status.ANSWERED
    bad = client.post("/balikesir/panel/danisma/yeni/", {"channel": "web_form", "topic": "x"})
    assert bad.status_code == 400


def test_stale_edit_is_refused_with_what_changed(
    client_for: Any, balikesir: Any, balikesir_expert: Any
) -> None:
    case = CaseFactory(office=balikesir)
    client = client_for(balikesir_expert)
    url = f"/balikesir/panel/danisma/{case.pk}/duzenle/"
    form = {"topic": "partner", "subject": "Yeni başlık", "requester_name": "A", "version": "1"}
    assert client.post(url, form).status_code == 302
    stale = client.post(url, {**form, "subject": "Eski sürümden"})
    assert stale.status_code == 409


def test_lookup_offers_only_the_offices_records(
    client_for: Any, balikesir: Any, izmir: Any, balikesir_expert: Any
) -> None:
    from kopru.core.tests.factories import OrganisationFactory

    OrganisationFactory(office=balikesir, name="ISPARTA BELEDİYESİ Kardeş Kent Ofisi")
    OrganisationFactory(office=izmir, name="Isparta Derneği İzmir Şubesi")
    client = client_for(balikesir_expert)
    r = client.get("/balikesir/panel/danisma/bul/kurum/?_lookup=ısparta")
    assert "ISPARTA BELEDİYESİ" in r.content.decode()
    assert "İzmir Şubesi" not in r.content.decode()
    assert client.get("/balikesir/panel/danisma/bul/baska/?_lookup=a").status_code == 404


def test_export_neutralises_formulas(
    client_for: Any, balikesir: Any, balikesir_expert: Any
) -> None:
    from openpyxl import load_workbook

    CaseFactory(office=balikesir, subject='=HYPERLINK("http://x")')
    r = client_for(balikesir_expert).get(
        "/balikesir/panel/danisma-talepleri/disa-aktar.xlsx?durum="
    )
    sheet = load_workbook(io.BytesIO(r.content)).active
    values = [c.value for c in sheet[2]]
    assert '\'=HYPERLINK("http://x")' in values


def test_member_files_a_request_and_sees_it_in_their_area(
    client_for: Any, balikesir: Any, balikesir_member: Any
) -> None:
    client = client_for(balikesir_member)
    form = client.get("/balikesir/danisma/").content.decode()
    assert "Balıkesir Büyükşehir Belediyesi" in form  # prefilled
    client.post(
        "/balikesir/danisma/",
        {**FORM, "requester_email": balikesir_member.email or "m@example.org"},
    )
    case = _only_case()
    assert case.requester_user_id == balikesir_member.pk
    mine = client.get("/balikesir/kurum/danisma/").content.decode()
    assert case.reference in mine


def test_personal_data_page_finds_and_erases_requests(
    client_for: Any, balikesir: Any, balikesir_coordinator: Any
) -> None:
    CaseFactory(office=balikesir, requester_email="kisi@example.org", requester_name="Kişi Bir")
    client = client_for(balikesir_coordinator)
    page = client.get("/balikesir/panel/kisisel-veri/?email=KISI@example.org").content.decode()
    assert "Kişi Bir" in page
    client.post("/balikesir/panel/kisisel-veri/sil/", {"email": "kisi@example.org", "confirm": "1"})
    with office_scope(balikesir):
        case = Case.objects.get()
    assert case.requester_name == "" and case.erased_at


def test_reference_is_shown_in_acknowledgement_mail_in_english(
    client: Any, balikesir: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/balikesir/danisma/", FORM)
    ack = mail.outbox[0]
    assert ack.subject.startswith("We have received your request")
    assert re.search(r"/en/balikesir/danisma/takip/[^/]+/", ack.body)


def test_a_reply_without_an_e_mail_address_does_not_claim_it_was_sent(
    client_for: Any, balikesir: Any, balikesir_expert: Any, django_capture_on_commit_callbacks: Any
) -> None:
    case = CaseFactory(office=balikesir, requester_email="", channel="phone")
    client = client_for(balikesir_expert)
    base = f"/balikesir/panel/danisma/{case.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(base + "islem/reply/", {"body": "Ara rapor şablonu."}, follow=True)
    page = r.content.decode()
    assert mail.outbox == []
    assert "gönderilmedi" in page and "e-postayla gönderilecek" not in page


def test_quick_log_form_names_its_groups_and_links_help_and_errors(
    client_for: Any, balikesir: Any, balikesir_expert: Any
) -> None:
    client = client_for(balikesir_expert)
    page = client.get("/balikesir/panel/danisma/yeni/").content.decode()
    # The channel radios are a named group; the requester's help is where aria points.
    assert re.search(r'<fieldset[^>]*id="id_channel_group"[^>]*>\s*<legend[^>]*>Kanal', page)
    assert 'aria-describedby="id_requester_name_helptext"' in page
    assert 'id="id_requester_name_helptext"' in page
    bad = client.post("/balikesir/panel/danisma/yeni/", {"channel": "phone", "topic": ""})
    html = bad.content.decode()
    summary = html[html.index("data-kp-error-summary") :]
    assert 'href="#id_subject"' in summary and 'href="#id_requester_name"' in summary
    assert re.search(r'aria-describedby="id_subject_error"', html)
    assert 'id="id_subject_error"' in html
