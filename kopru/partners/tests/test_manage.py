"""The kurum area (a member's organisation's posts) and the panel (the office's staff)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from kopru.core.models import AuditEntry
from kopru.core.scoping import unscoped
from kopru.partners.models import PartnerSearch, PostStatus

from .factories import AnswerFactory, AnswerMessageFactory, PartnerSearchFactory

pytestmark = pytest.mark.django_db

KURUM = "/balikesir/kurum/ortak-arama/"
PANEL = "/balikesir/panel/ortak-arama/"


def _data(**over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "seeking",
        "title_tr": "Dijital gençlik çalışması için ortak aranıyor",
        "title_en": "",
        "description_tr": "KA220-YOU ortaklığı için gençlik derneği arıyoruz.",
        "description_en": "",
        "programme": "Erasmus+ KA220-YOU",
        "countries": ["DE", "IT"],
        "organisation_types": ["ngo"],
        "expires_on": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
    }
    data.update(over)
    return data


def _get(pk: int) -> PartnerSearch:
    with unscoped("test"):
        return PartnerSearch.objects.select_related("organisation").get(pk=pk)


def test_member_posts_edits_closes_and_reopens(client_for: Any, balikesir_member: Any) -> None:
    c = client_for(balikesir_member)
    assert c.get(KURUM + "yeni/").status_code == 200
    response = c.post(KURUM + "yeni/", _data())
    assert response.status_code == 302
    with unscoped("test"):
        post = PartnerSearch.objects.get()
    assert post.organisation_id == balikesir_member.organisation_id
    assert post.created_by_id == balikesir_member.pk and post.countries == ["DE", "IT"]
    assert "Dijital gençlik" in c.get(KURUM).content.decode()
    # edit: versioned
    edit = KURUM + f"{post.pk}/duzenle/"
    assert c.post(edit, _data(title_tr="Yeni başlık", version=1)).status_code == 302
    assert _get(post.pk).title_tr == "Yeni başlık" and _get(post.pk).version == 2
    stale = c.post(edit, _data(title_tr="Eski sürümden", version=1))
    assert stale.status_code == 409
    assert _get(post.pk).title_tr == "Yeni başlık"
    # close, then reopen
    assert c.get(KURUM + f"{post.pk}/kapat/").status_code == 405
    c.post(KURUM + f"{post.pk}/kapat/")
    closed = _get(post.pk)
    assert closed.status == PostStatus.CLOSED and closed.closed_by_id == balikesir_member.pk
    assert not closed.closed_by_staff
    c.post(KURUM + f"{post.pk}/yeniden-ac/")
    assert _get(post.pk).status == PostStatus.OPEN
    with unscoped("test"):
        actions = list(
            AuditEntry.objects.filter(object_id=str(post.pk)).values_list("action", flat=True)
        )
    assert {
        "partners.post.created",
        "partners.post.updated",
        "partners.post.closed",
        "partners.post.reopened",
    } <= set(actions)


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"title_tr": "", "title_en": ""}, "başlık yazın"),
        ({"description_tr": ""}, "açıklama yazın"),
        ({"expires_on": "2020-01-01"}, "bugünden önce olamaz"),
        ({"expires_on": "3000-01-01"}, "en çok bir yıl"),
        ({"expires_on": "31.02.2026x"}, "Geçerli bir tarih"),
        ({"countries": ["QQ"]}, "Geçerli bir seçenek"),
    ],
)
def test_post_form_refuses_bad_input(
    client_for: Any, balikesir_member: Any, over: dict[str, Any], message: str
) -> None:
    response = client_for(balikesir_member).post(KURUM + "yeni/", _data(**over))
    assert response.status_code == 200
    assert message in response.content.decode()
    with unscoped("test"):
        assert not PartnerSearch.objects.exists()


def test_an_english_only_post_is_accepted(client_for: Any, balikesir_member: Any) -> None:
    c = client_for(balikesir_member)
    data = _data(title_tr="", title_en="Partners wanted", description_tr="", description_en="x")
    assert c.post(KURUM + "yeni/", data).status_code == 302
    with unscoped("test"):
        post = PartnerSearch.objects.get()
    assert str(post) == "Partners wanted"
    assert "Partners wanted" in c.get(f"/balikesir/ortak-arama/{post.pk}/").content.decode()


def test_member_cannot_manage_another_organisations_post(
    client_for: Any, balikesir: Any, balikesir_member: Any
) -> None:
    other = PartnerSearchFactory(office=balikesir)
    answer = AnswerFactory(post=other)
    c = client_for(balikesir_member)
    for url in (
        f"{KURUM}{other.pk}/",
        f"{KURUM}{other.pk}/duzenle/",
        f"{KURUM}yanit/{answer.pk}/",
    ):
        assert c.get(url).status_code == 404, url
    for url in (
        f"{KURUM}{other.pk}/kapat/",
        f"{KURUM}{other.pk}/yeniden-ac/",
        f"{KURUM}{other.pk}/duzenle/",
        f"{KURUM}yanit/{answer.pk}/",
    ):
        assert c.post(url, {"body": "Başkasının ilanına yazıyorum."}).status_code == 404, url
    assert _get(other.pk).status == PostStatus.OPEN
    assert f">{other.title_tr}<" not in c.get(KURUM).content.decode()
    # and the panel is closed to members altogether
    assert c.get(PANEL).status_code == 404


def test_staff_close_is_moderation_only_staff_reopen(
    client_for: Any, balikesir: Any, balikesir_member: Any, balikesir_expert: Any
) -> None:
    post = PartnerSearchFactory(office=balikesir, organisation=balikesir_member.organisation)
    staff = client_for(balikesir_expert)
    staff.post(f"{PANEL}{post.pk}/kapat/")
    assert _get(post.pk).closed_by_staff
    member = client_for(balikesir_member)
    page = member.get(f"{KURUM}{post.pk}/").content.decode()
    assert "yalnız ofis yeniden açabilir" in page
    member.post(f"{KURUM}{post.pk}/yeniden-ac/")
    assert _get(post.pk).status == PostStatus.CLOSED
    staff = client_for(balikesir_expert)
    staff.post(f"{PANEL}{post.pk}/yeniden-ac/")
    assert _get(post.pk).status == PostStatus.OPEN


def test_an_expired_post_is_reopened_only_after_moving_its_date(
    client_for: Any, balikesir: Any, balikesir_member: Any
) -> None:
    post = PartnerSearchFactory(
        office=balikesir,
        organisation=balikesir_member.organisation,
        status="closed",
        expires_on=timezone.localdate() - dt.timedelta(days=2),
    )
    c = client_for(balikesir_member)
    response = c.post(f"{KURUM}{post.pk}/yeniden-ac/", follow=True)
    assert "Süresi dolmuş bir ilan yeniden açılamaz" in response.content.decode()
    assert _get(post.pk).status == PostStatus.CLOSED
    # editing an expired post without touching its date is allowed
    fields = _data(expires_on=post.expires_on.isoformat(), version=post.version)
    assert c.post(f"{KURUM}{post.pk}/duzenle/", fields).status_code == 302
    later = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    c.post(f"{KURUM}{post.pk}/duzenle/", _data(expires_on=later, version=_get(post.pk).version))
    c.post(f"{KURUM}{post.pk}/yeniden-ac/")
    assert _get(post.pk).status == PostStatus.OPEN


def test_staff_post_on_behalf_and_see_contact_details(
    client_for: Any, balikesir: Any, balikesir_expert: Any, balikesir_member: Any
) -> None:
    c = client_for(balikesir_expert)
    org = balikesir_member.organisation
    page = c.get(PANEL + "yeni/").content.decode()
    assert 'id="id_organisation"' in page and "/ortak-arama/bul/kurum/" in page
    assert c.post(PANEL + "yeni/", _data(organisation=org.pk)).status_code == 302
    with unscoped("test"):
        post = PartnerSearch.objects.get()
    assert post.organisation_id == org.pk and post.created_by_id == balikesir_expert.pk
    answer = AnswerFactory(post=post, email="gizli@example.org", organisation_name="Verein X")
    AnswerMessageFactory(answer=answer, body="Ortak olmak isteriz, deneyimliyiz.")
    detail = c.get(f"{PANEL}{post.pk}/").content.decode()
    assert "gizli@example.org" in detail and "yalnız ofis personeli görür" in detail
    thread = c.get(f"{PANEL}yanit/{answer.pk}/").content.decode()
    assert "gizli@example.org" in thread and "deneyimliyiz" in thread
    # the posting organisation's member reads the same answer without the address
    m = client_for(balikesir_member)
    assert "gizli@example.org" not in m.get(f"{KURUM}{post.pk}/").content.decode()
    member_thread = m.get(f"{KURUM}yanit/{answer.pk}/").content.decode()
    assert "deneyimliyiz" in member_thread and "gizli@example.org" not in member_thread


def test_panel_lists_every_post_of_the_office_by_state(
    client_for: Any, balikesir: Any, izmir: Any, balikesir_coordinator: Any
) -> None:
    PartnerSearchFactory(office=balikesir, title_tr="open-one")
    PartnerSearchFactory(office=balikesir, title_tr="closed-one", status="closed")
    PartnerSearchFactory(
        office=balikesir, title_tr="expired-one", expires_on=timezone.localdate() - dt.timedelta(1)
    )
    PartnerSearchFactory(office=izmir, title_tr="izmir-one")
    c = client_for(balikesir_coordinator)
    body = c.get(PANEL).content.decode()
    assert all(f">{t}<" in body for t in ("open-one", "closed-one", "expired-one"))
    assert "izmir-one" not in body
    for state, title in (
        ("open", "open-one"),
        ("closed", "closed-one"),
        ("expired", "expired-one"),
    ):
        page = c.get(PANEL, {"durum": state}).content.decode()
        assert f">{title}<" in page
        assert sum(f">{t}<" in page for t in ("open-one", "closed-one", "expired-one")) == 1


def test_unread_answers_are_flagged_until_the_poster_reads_them(
    client_for: Any, balikesir: Any, balikesir_member: Any
) -> None:
    post = PartnerSearchFactory(office=balikesir, organisation=balikesir_member.organisation)
    answer = AnswerFactory(post=post)
    c = client_for(balikesir_member)
    assert "1 yeni" in c.get(KURUM).content.decode()
    c.get(f"{KURUM}yanit/{answer.pk}/")
    assert "1 yeni" not in c.get(KURUM).content.decode()


def test_reply_refuses_empty_or_oversized_text(
    client_for: Any, balikesir: Any, balikesir_member: Any
) -> None:
    post = PartnerSearchFactory(office=balikesir, organisation=balikesir_member.organisation)
    answer = AnswerFactory(post=post)
    c = client_for(balikesir_member)
    for body, message in (("", "İletinizi yazın."), ("x" * 5001, "en çok 5000")):
        response = c.post(f"{KURUM}yanit/{answer.pk}/", {"body": body})
        assert response.status_code == 400 and message in response.content.decode()


def test_list_pages_use_bounded_queries(
    client_for: Any,
    balikesir: Any,
    balikesir_member: Any,
    balikesir_expert: Any,
    django_assert_max_num_queries: Any,
) -> None:
    for i in range(8):
        post = PartnerSearchFactory(office=balikesir, organisation=balikesir_member.organisation)
        for _ in range(i % 3):
            AnswerMessageFactory(answer=AnswerFactory(post=post))
    c = client_for(balikesir_member)
    with django_assert_max_num_queries(12):
        assert c.get(KURUM).status_code == 200
    with django_assert_max_num_queries(12):
        assert c.get(f"{KURUM}{post.pk}/").status_code == 200
    with django_assert_max_num_queries(12):
        assert c.get(KURUM + "yanitlarimiz/").status_code == 200
    c = client_for(balikesir_expert)
    with django_assert_max_num_queries(12):
        assert c.get(PANEL).status_code == 200


def test_kurum_and_panel_pages_in_english(
    client_for: Any, balikesir: Any, balikesir_member: Any
) -> None:
    post = PartnerSearchFactory(office=balikesir, organisation=balikesir_member.organisation)
    c = client_for(balikesir_member)
    assert "Our partner searches" in c.get("/en" + KURUM).content.decode()
    assert "New partner search" in c.get("/en" + KURUM + "yeni/").content.decode()
    assert "Answers (0)" in c.get(f"/en{KURUM}{post.pk}/").content.decode()


def test_call_and_organisation_lookups(
    client_for: Any, balikesir: Any, izmir: Any, balikesir_member: Any, balikesir_expert: Any
) -> None:
    from kopru.calls.tests.factories import CallFactory

    CallFactory(office=balikesir, state="published", title_tr="İZMİR Yeşil Dönüşüm Çağrısı")
    CallFactory(office=balikesir, state="draft", title_tr="Taslak İzmir çağrısı")
    CallFactory(office=izmir, state="published", title_tr="İzmir ofisinin İzmir çağrısı")
    past = timezone.now() - dt.timedelta(days=3)
    CallFactory(
        office=balikesir, state="published", title_tr="Kapanmış İzmir çağrısı", deadline=past
    )
    m = client_for(balikesir_member)
    options = m.get(KURUM + "bul/cagri/", {"_lookup": "izmir"}).content.decode()
    assert "İZMİR Yeşil Dönüşüm" in options
    for hidden in ("Taslak", "ofisinin", "Kapanmış"):
        assert hidden not in options
    assert m.get(KURUM + "bul/kurum/", {"_lookup": "bel"}).status_code == 404
    s = client_for(balikesir_expert)
    orgs = s.get(PANEL + "bul/kurum/", {"_lookup": "büyükşehir"}).content.decode()
    assert balikesir_member.organisation.name in orgs
    assert s.get(PANEL + "bul/proje/").status_code == 404


def test_staff_renew_the_responders_link(
    client_for: Any,
    balikesir: Any,
    balikesir_expert: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from django.core import mail

    from kopru.partners.tokens import make_token

    answer = AnswerFactory(post=PartnerSearchFactory(office=balikesir), email="r@example.org")
    old = f"/balikesir/ortak-arama/yazisma/{make_token(answer)}/"
    c = client_for(balikesir_expert)
    assert c.get(old).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert c.post(f"{PANEL}yanit/{answer.pk}/baglanti-yenile/").status_code == 302
    assert c.get(old).status_code == 404
    (msg,) = mail.outbox
    assert msg.to == ["r@example.org"] and "/ortak-arama/yazisma/" in msg.body
    new = msg.body.split("/ortak-arama/yazisma/")[1].split("/")[0]
    assert c.get(f"/balikesir/ortak-arama/yazisma/{new}/").status_code == 200
    with unscoped("test"):
        assert AuditEntry.objects.filter(action="partners.answer.link_renewed").count() == 1
