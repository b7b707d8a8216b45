"""The public catalogue, the post page and its answer form, the responder's private link."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from kopru.core.models import AuditEntry
from kopru.core.scoping import unscoped
from kopru.partners.models import Answer, AnswerMessage, PostStatus
from kopru.partners.tokens import make_token
from kopru.partners.views import public as public_views

from .factories import AnswerFactory, PartnerSearchFactory

pytestmark = pytest.mark.django_db

LIST = "/balikesir/ortak-arama/"


def _form(**over: Any) -> dict[str, Any]:
    data = {
        "responder_name": "Işıl Güneş",
        "organisation_name": "Verein Jugend Kassel",
        "organisation_type": "ngo",
        "country": "DE",
        "email": "isil@example.org",
        "message": "Merhaba, gençlik çalışmasında on yıllık deneyimimizle ortak olmak isteriz.",
        "consent": "on",
    }
    data.update(over)
    return {k: v for k, v in data.items() if v is not None}


def _answers(post: Any) -> list[Answer]:
    with unscoped("test"):
        return list(Answer.objects.filter(post=post))


@pytest.fixture
def post(balikesir: Any, balikesir_member: Any) -> Any:
    return PartnerSearchFactory(
        office=balikesir,
        organisation=balikesir_member.organisation,
        created_by=balikesir_member,
        title_tr="İZMİR VE BALIKESİR GENÇLİK DEĞİŞİMİ",
        title_en="Izmir and Balıkesir youth exchange",
        countries=["DE", "IT"],
        organisation_types=["ngo"],
    )


# --- catalogue --------------------------------------------------------------------


def test_turkish_search_izmir_finds_IZMIR(client: Any, post: Any) -> None:
    PartnerSearchFactory(
        office=post.office,
        title_tr="Kırsal kalkınma projesi",
        title_en="",
        description_tr="Tarım kooperatifleri için.",
    )
    for q in ("izmir", "İZMİR", "Izmir", "gençlik", "genclik", "değişim"):
        body = client.get(LIST, {"q": q}).content.decode()
        assert "İZMİR VE BALIKESİR" in body, q
        assert "Kırsal kalkınma" not in body, q


@pytest.mark.parametrize(
    ("params", "found"),
    [
        ({"tur": "seeking"}, {"seek-de", "any"}),
        ({"tur": "offering"}, {"offer-fr"}),
        ({"ulke": "DE"}, {"seek-de", "any"}),
        ({"ulke": "fr"}, {"offer-fr", "any"}),
        ({"kurum_turu": "university"}, {"offer-fr", "any"}),
        ({"program": "Interreg NEXT"}, {"offer-fr"}),
        ({"tur": "nonsense", "ulke": "<script>", "page": "abc"}, {"seek-de", "offer-fr", "any"}),
    ],
)
def test_filters(client: Any, balikesir: Any, params: dict[str, str], found: set[str]) -> None:
    PartnerSearchFactory(office=balikesir, title_tr="seek-de", countries=["DE"])
    PartnerSearchFactory(
        office=balikesir,
        title_tr="offer-fr",
        kind="offering",
        countries=["FR"],
        organisation_types=["university"],
        programme="Interreg NEXT",
    )
    PartnerSearchFactory(office=balikesir, title_tr="any", countries=[], organisation_types=[])
    response = client.get(LIST, params)
    assert response.status_code == 200
    shown = {t for t in ("seek-de", "offer-fr", "any") if f">{t}<" in response.content.decode()}
    assert shown == found


def test_call_filter_and_sort_by_expiry(client: Any, balikesir: Any) -> None:
    from kopru.calls.tests.factories import CallFactory

    call = CallFactory(office=balikesir, state="published", title_tr="Yeşil Dönüşüm Çağrısı")
    soon = PartnerSearchFactory(
        office=balikesir, title_tr="soon", expires_on=timezone.localdate() + dt.timedelta(days=2)
    )
    later = PartnerSearchFactory(office=balikesir, title_tr="later", call=call)
    body = client.get(LIST).content.decode()
    assert body.index(">later<") < body.index(">soon<")  # newest first
    body = client.get(LIST, {"siralama": "son-tarih"}).content.decode()
    assert body.index(">soon<") < body.index(">later<")
    body = client.get(LIST, {"cagri": str(call.pk)}).content.decode()
    assert ">later<" in body and ">soon<" not in body and "Yeşil Dönüşüm Çağrısı" in body
    assert later.pk and soon.pk


def test_expired_and_closed_posts_leave_the_list_and_take_no_answers(
    client: Any, balikesir: Any, django_capture_on_commit_callbacks: Any
) -> None:
    expired = PartnerSearchFactory(
        office=balikesir, title_tr="expired-post", expires_on=timezone.localdate() - dt.timedelta(1)
    )
    closed = PartnerSearchFactory(office=balikesir, title_tr="closed-post", status="closed")
    body = client.get(LIST).content.decode()
    assert "expired-post" not in body and "closed-post" not in body
    for p, text in ((expired, "süresi doldu"), (closed, "kapatıldı")):
        page = client.get(f"{LIST}{p.pk}/")
        assert page.status_code == 200
        assert text in page.content.decode()
        assert 'name="message"' not in page.content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            refused = client.post(f"{LIST}{p.pk}/", _form())
        assert refused.status_code == 400
        assert _answers(p) == []
    assert mail.outbox == []


def test_a_post_closed_by_the_office_shows_nothing_of_its_content(
    client: Any, balikesir: Any
) -> None:
    moderated = PartnerSearchFactory(
        office=balikesir, title_tr="Uygunsuz ilan", status="closed", closed_by_staff=True
    )
    page = client.get(f"{LIST}{moderated.pk}/")
    assert page.status_code == 410
    assert "Uygunsuz ilan" not in page.content.decode()


def test_another_offices_post_is_404_on_this_office(client: Any, izmir: Any, balikesir: Any):
    other = PartnerSearchFactory(office=izmir)
    assert client.get(f"{LIST}{other.pk}/").status_code == 404
    assert client.get(f"/izmir/ortak-arama/{other.pk}/").status_code == 200


# --- answering ----------------------------------------------------------------------


def test_answer_flow_end_to_end(
    client: Any,
    client_for: Any,
    post: Any,
    balikesir_member: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # 1. someone answers through the public page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{LIST}{post.pk}/", _form())
    assert response.status_code == 302
    thread_url = response["Location"]
    assert "/balikesir/ortak-arama/yazisma/" in thread_url and thread_url.endswith("?yeni=1")
    page = client.get(thread_url)
    assert page.status_code == 200
    assert "Yanıtınız iletildi" in page.content.decode()
    assert page["Referrer-Policy"] == "no-referrer"
    (answer,) = _answers(post)
    assert answer.consent_at and "6698" in answer.consent_text
    assert answer.email == "isil@example.org" and answer.language == "tr"
    # 2. the poster is told, without the responder's address; the responder gets the link
    to_poster = [m for m in mail.outbox if m.to == [balikesir_member.email]]
    to_responder = [m for m in mail.outbox if m.to == ["isil@example.org"]]
    assert len(to_poster) == 1 and len(to_responder) == 1
    assert "isil@example.org" not in to_poster[0].body + to_poster[0].subject
    assert not to_poster[0].reply_to and not to_poster[0].cc
    assert f"/balikesir/kurum/ortak-arama/yanit/{answer.pk}/" in to_poster[0].body
    private = re.search(r"https?://\S+/yazisma/\S+/", to_responder[0].body).group(0)
    assert private.split("?")[0].endswith(thread_url.split("?")[0])
    # 3. the poster reads it in the kurum area and replies
    member = client_for(balikesir_member)
    detail = member.get(f"/balikesir/kurum/ortak-arama/{post.pk}/").content.decode()
    assert "Verein Jugend Kassel" in detail and "isil@example.org" not in detail
    thread = member.get(f"/balikesir/kurum/ortak-arama/yanit/{answer.pk}/")
    assert "on yıllık deneyimimizle" in thread.content.decode()
    assert "isil@example.org" not in thread.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reply = member.post(
            f"/balikesir/kurum/ortak-arama/yanit/{answer.pk}/",
            {"body": "Teşekkürler! Proje taslağımızı burada paylaşalım."},
        )
    assert reply.status_code == 302
    (notice,) = mail.outbox
    assert notice.to == ["isil@example.org"]
    assert "Proje taslağımızı" not in notice.body  # the message is read on the platform
    assert balikesir_member.email not in notice.body
    assert thread_url.split("?")[0] in notice.body
    member.logout()
    # 4. the responder reads the reply through the private link and answers
    page = client.get(thread_url.split("?")[0]).content.decode()
    assert "Proje taslağımızı burada paylaşalım" in page
    assert balikesir_member.email not in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(thread_url.split("?")[0], {"body": "Harika, taslağı bekliyoruz."})
    assert again.status_code == 302
    (back,) = mail.outbox
    assert back.to == [balikesir_member.email] and "isil@example.org" not in back.body
    with unscoped("test"):
        assert AnswerMessage.objects.filter(answer=answer).count() == 3
        actions = set(AuditEntry.objects.values_list("action", flat=True))
        created = AuditEntry.objects.get(action="partners.answer.created")
    assert {"partners.answer.created", "partners.message.posted"} <= actions
    assert "isil" not in str(created.data) + str(created.changes)


def test_private_link_is_unguessable(client: Any, post: Any, izmir: Any) -> None:
    from django.core import signing

    from kopru.partners.tokens import SALT

    answer = AnswerFactory(post=post)
    good = make_token(answer)
    assert client.get(f"{LIST}yazisma/{good}/").status_code == 200
    wrong_nonce = signing.Signer(salt=SALT).sign_object([answer.pk, "guessed"])
    other_salt = signing.Signer(salt="elsewhere").sign_object([answer.pk, answer.token_nonce])
    for bad in ("abc", good[:-2] + "xx", wrong_nonce, other_salt):
        assert client.get(f"{LIST}yazisma/{bad}/").status_code == 404
    # a token of another office's answer does not open on this office
    assert client.get(f"/izmir/ortak-arama/yazisma/{good}/").status_code == 404


def test_english_answer_gets_english_pages_and_mail(
    client: Any, post: Any, django_capture_on_commit_callbacks: Any
) -> None:
    page = client.get(f"/en{LIST}").content.decode()
    assert "Partner search" in page and "Izmir and Balıkesir youth exchange" in page
    detail = client.get(f"/en{LIST}{post.pk}/").content.decode()
    assert "Answer this post" in detail and "Full name" in detail
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en{LIST}{post.pk}/", _form())
    assert response["Location"].startswith("/en/balikesir/ortak-arama/yazisma/")
    (to_responder,) = [m for m in mail.outbox if m.to == ["isil@example.org"]]
    assert to_responder.subject.startswith("Your answer was delivered")
    assert "/en/balikesir/ortak-arama/yazisma/" in to_responder.body
    (to_poster,) = [m for m in mail.outbox if m.to != ["isil@example.org"]]
    assert to_poster.subject.startswith("Ortak arama ilanınıza yeni yanıt")  # poster's language


def test_honeypot_refuses_a_robot(client: Any, post: Any) -> None:
    response = client.post(f"{LIST}{post.pk}/", _form(kp_website="http://spam.example"))
    assert response.status_code == 400
    assert "otomatik bir program" in response.content.decode()
    assert _answers(post) == []


def test_a_burst_from_one_address_is_answered_429(client: Any, post: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(public_views, "ANSWER_LIMIT", 2)
    for i in range(2):
        client.post(f"{LIST}{post.pk}/", _form(email=f"p{i}@example.org"))
    response = client.post(f"{LIST}{post.pk}/", _form(email="p9@example.org"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    body = response.content.decode()
    assert "çok fazla yanıt" in body and "dakika sonra" in body
    assert "on yıllık deneyimimizle" in body  # what the person wrote is kept
    assert len(_answers(post)) == 2


def test_a_burst_of_replies_through_the_private_link_is_429(
    client: Any, post: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(public_views, "REPLY_LIMIT", 1)
    url = f"{LIST}yazisma/{make_token(AnswerFactory(post=post))}/"
    assert client.post(url, {"body": "Birinci iletimiz burada."}).status_code == 302
    assert client.post(url, {"body": "İkinci iletimiz burada."}).status_code == 429


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"responder_name": ""}, "Adınızı ve soyadınızı yazın."),
        ({"organisation_name": "   "}, "Kurumunuzun ya da kuruluşunuzun adını yazın."),
        ({"email": ""}, "E-posta adresinizi yazın"),
        ({"email": "isil@"}, "Geçerli bir e-posta adresi"),
        ({"country": ""}, "Ülkenizi seçin."),
        ({"country": "QQ"}, "Geçerli bir seçenek seçin"),
        ({"message": "kısa"}, "en az 10 karakter"),
        ({"message": "x" * 5001}, "en çok 5000 karakter"),
        ({"responder_name": "a" * 151}, "150"),
        ({"message": "Merhaba\x00 ortak olmak isteriz"}, "Boş karakterlere izin verilmiyor"),
        ({"consent": None}, "onay vermeniz gerekiyor"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(
    client: Any, post: Any, over: dict[str, Any], message: str
) -> None:
    response = client.post(f"{LIST}{post.pk}/", _form(**over))
    assert response.status_code == 400
    body = response.content.decode()
    assert message.lower() in body.lower(), body[body.find("invalid-feedback") :][:300]
    assert "Traceback" not in body
    assert _answers(post) == []


def test_the_same_address_answers_once_and_gets_its_link_again(
    client: Any, post: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.post(f"{LIST}{post.pk}/", _form())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{LIST}{post.pk}/", _form(email="ISIL@example.org"))
    assert response.status_code == 400
    assert "zaten yanıt verilmiş" in response.content.decode()
    (resent,) = mail.outbox
    assert resent.to == ["isil@example.org"] and "/yazisma/" in resent.body
    assert len(_answers(post)) == 1


def test_signed_in_member_answers_with_prefilled_details(
    client_for: Any, post: Any, other_member: Any, django_capture_on_commit_callbacks: Any
) -> None:
    c = client_for(other_member)
    page = c.get(f"{LIST}{post.pk}/").content.decode()
    assert 'value="Şule Işık"' in page and 'value="Karesi Gençlik Derneği"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(
            f"{LIST}{post.pk}/",
            _form(
                responder_name="Şule Işık",
                organisation_name="Karesi Gençlik Derneği",
                email="sule@example.org",
                country="TR",
            ),
        )
    assert response.status_code == 302
    (answer,) = _answers(post)
    assert answer.responder_organisation_id == other_member.organisation_id
    assert answer.responder_user_id == other_member.pk
    again = c.get(f"{LIST}{post.pk}/").content.decode()
    assert "Kurumunuz bu ilana yanıt verdi" in again and 'name="message"' not in again
    sent = c.get("/balikesir/kurum/ortak-arama/yanitlarimiz/").content.decode()
    assert "İZMİR VE BALIKESİR" in sent and "/ortak-arama/yazisma/" in sent


def test_the_posting_organisation_cannot_answer_its_own_post(
    client_for: Any, post: Any, balikesir_member: Any
) -> None:
    c = client_for(balikesir_member)
    page = c.get(f"{LIST}{post.pk}/").content.decode()
    assert "Bu ilan kurumunuza ait" in page and 'name="message"' not in page
    assert c.post(f"{LIST}{post.pk}/", _form()).status_code == 400
    assert _answers(post) == []


def test_public_pages_use_bounded_queries(
    client: Any, balikesir: Any, post: Any, django_assert_max_num_queries: Any
) -> None:
    from kopru.calls.tests.factories import CallFactory

    for i in range(12):
        call = CallFactory(office=balikesir, state="published") if i % 3 == 0 else None
        PartnerSearchFactory(office=balikesir, call=call, programme=f"Program {i % 4}")
    with django_assert_max_num_queries(10):
        assert client.get(LIST).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(LIST, {"q": "gençlik", "ulke": "DE", "page": "2"}).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(f"{LIST}{post.pk}/").status_code == 200
    # 15 = the home's blocks (12) + the calls catalogue read into a private index (3):
    # inside the test's transaction the catalogue cannot use the process's shared index
    # (kopru.calls.catalogue_index.current), which a committed catalogue reuses.
    with django_assert_max_num_queries(15):
        assert client.get("/balikesir/").status_code == 200


def test_office_home_lists_the_latest_open_posts(client: Any, post: Any) -> None:
    PartnerSearchFactory(office=post.office, title_tr="Kapalı ilan", status=PostStatus.CLOSED)
    body = client.get("/balikesir/").content.decode()
    assert "Ortak arayan projeler" in body
    assert "İZMİR VE BALIKESİR" in body and "Kapalı ilan" not in body
    assert "Projects looking for partners" in client.get("/en/balikesir/").content.decode()
