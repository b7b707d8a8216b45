"""Youth opportunities: status from dates, the finder's filters, saved searches with the
calls' alert machinery (double opt-in, consent, one-click unsubscribe), RSS and iCal of
deadlines, Eurodesk questions at the guidance desk, young people reached."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kopru.core.models import AuditEntry
from kopru.core.scoping import office_scope
from kopru.guidance.models import Case, Channel, Topic
from kopru.youth import selectors, services
from kopru.youth.models import Opportunity, OpportunityType, PublicationState, Status, YouthSearch
from kopru.youth.tests.factories import OpportunityFactory, YouthSearchFactory

pytestmark = pytest.mark.django_db


def _url(office: Any, name: str, **kw: Any) -> str:
    return reverse(f"public:youth:{name}", kwargs={"office_slug": office.slug, **kw})


def test_status_follows_the_dates() -> None:
    now = timezone.now()
    o = Opportunity(deadline=now + dt.timedelta(days=3), opens_on=None)
    assert o.status_at(now) == Status.OPEN
    o.opens_on = timezone.localdate(now) + dt.timedelta(days=1)
    assert o.status_at(now) == Status.UPCOMING
    assert o.status_at(now + dt.timedelta(days=4)) == Status.CLOSED


def test_deadline_keeps_its_time_zone(balikesir: Any) -> None:
    deadline = dt.datetime(2026, 3, 17, 11, 0, tzinfo=dt.UTC)  # 12:00 in Brussels
    o = OpportunityFactory(office=balikesir, deadline=deadline, deadline_timezone="Europe/Brussels")
    assert o.deadline_local.hour == 12 and o.deadline_local.utcoffset() == dt.timedelta(hours=1)


def test_turkiye_eligibility_is_derived(balikesir: Any) -> None:
    assert OpportunityFactory(office=balikesir, residents_of=[]).turkiye_eligible
    assert OpportunityFactory(office=balikesir, residents_of=["DE", "TR"]).turkiye_eligible
    assert not OpportunityFactory(office=balikesir, residents_of=["DE", "FR"]).turkiye_eligible


def test_finder_filters(client: Any, balikesir: Any, izmir: Any) -> None:
    esc = OpportunityFactory(office=balikesir, age_min=18, age_max=30)
    OpportunityFactory(office=balikesir, residents_of=["DE"])  # not for Türkiye
    young = OpportunityFactory(
        office=balikesir,
        type=OpportunityType.YOUTH_EXCHANGE,
        age_min=13,
        age_max=17,
        host_country="PL",
    )
    OpportunityFactory(office=balikesir, state=PublicationState.DRAFT)
    OpportunityFactory(office=izmir)
    later = OpportunityFactory(
        office=balikesir,
        opens_on=timezone.localdate() + dt.timedelta(days=10),
        deadline=timezone.now() + dt.timedelta(days=40),
    )
    closed = OpportunityFactory(office=balikesir, deadline=timezone.now() - dt.timedelta(days=1))

    def found(**params: Any) -> list[int]:
        response = client.get(_url(balikesir, "list"), params)
        assert response.status_code == 200
        return [o.pk for o in response.context["page"]]

    assert esc.pk in found() and closed.pk not in found()
    assert found(tur="esc_volunteering", tr="1", acik="1", yas="20") == [esc.pk]
    assert later.pk not in found(acik="1") and later.pk in found()
    assert found(yas="15") == [young.pk]
    assert found(ulke="PL") == [young.pk]
    page = client.get(_url(balikesir, "list"))
    assert closed in page.context["closed"]
    for bad in ({"yas": "9"}, {"yas": "x"}, {"tur": "party"}, {"ulke": "QQ"}):
        assert client.get(_url(balikesir, "list"), bad).status_code == 400


def test_a_draft_is_not_public(client: Any, balikesir: Any) -> None:
    o = OpportunityFactory(office=balikesir, state=PublicationState.DRAFT)
    assert client.get(_url(balikesir, "detail", pk=o.pk)).status_code == 404
    o = OpportunityFactory(office=balikesir)
    page = client.get(_url(balikesir, "detail", pk=o.pk))
    assert page.status_code == 200 and "Associação Mar Limpo" in page.content.decode()


def test_saved_search_alert_double_opt_in_and_unsubscribe(
    client: Any, balikesir: Any, django_capture_on_commit_callbacks: Any
) -> None:
    response = client.post(
        _url(balikesir, "save_search"), {"name": "ESC", "tur": "esc_volunteering", "tr": "1"}
    )
    with office_scope(balikesir):
        search = YouthSearch.objects.get()
    assert response.status_code == 302 and search.params == {"tur": "esc_volunteering", "tr": "1"}
    saved = _url(balikesir, "saved", token=search.token)
    assert (
        client.post(saved, {"email": "genc@example.org", "frequency": "daily"}).status_code == 400
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(saved, {"email": "genc@example.org", "frequency": "daily", "consent": "on"})
    search.refresh_from_db()
    assert search.consent_text and search.consent_at and not search.alert_active
    assert len(mail.outbox) == 1 and "List-Unsubscribe" in mail.outbox[0].extra_headers
    # Nothing is sent before the confirmation.
    OpportunityFactory(office=balikesir, published_at=timezone.now() + dt.timedelta(seconds=1))
    search.last_sent_at = timezone.now() - dt.timedelta(days=2)
    search.save()
    assert services.alerts_send_due(frequencies=("daily",)) == 0
    client.get(_url(balikesir, "alert_confirm", token=search.token))
    search.refresh_from_db()
    assert search.alert_active
    search.last_sent_at = timezone.now() - dt.timedelta(days=2)
    search.save()
    mail.outbox.clear()
    assert services.alerts_send_due(frequencies=("daily",)) == 1
    assert "Lizbon" in mail.outbox[0].body and "abonelikten" in mail.outbox[0].body.lower()
    client.get(_url(balikesir, "alert_unsubscribe", token=search.token))
    search.refresh_from_db()
    assert not search.alert_active
    assert AuditEntry.objects.filter(action="youth.alert.unsubscribed").exists()
    search.last_sent_at = timezone.now() - dt.timedelta(days=2)
    search.save()
    assert services.alerts_send_due(frequencies=("daily",)) == 0


def test_publishing_sends_instant_alerts(
    balikesir: Any, balikesir_expert: Any, django_capture_on_commit_callbacks: Any
) -> None:
    search = YouthSearch(
        office=balikesir,
        name="ESC",
        params={"tur": "esc_volunteering"},
        email="a@example.org",
        frequency="instant",
        alert_confirmed_at=timezone.now() - dt.timedelta(days=1),
        last_sent_at=timezone.now() - dt.timedelta(days=1),
    )
    search.save()
    draft = OpportunityFactory(office=balikesir, state=PublicationState.DRAFT, published_at=None)
    with office_scope(balikesir), django_capture_on_commit_callbacks(execute=True):
        services.opportunity_publish(opportunity=draft, actor=balikesir_expert)
    assert any("a@example.org" in m.to for m in mail.outbox)


def test_rss_and_ical_of_deadlines(client: Any, balikesir: Any) -> None:
    o = OpportunityFactory(office=balikesir)
    OpportunityFactory(
        office=balikesir, deadline=timezone.now() - dt.timedelta(days=1), title_tr="Kapanmış fırsat"
    )
    rss = client.get(_url(balikesir, "rss")).content.decode()
    assert o.title_tr in rss and "Kapanmış fırsat" not in rss
    ics = client.get(_url(balikesir, "ics"))
    assert ics["Content-Type"].startswith("text/calendar")
    body = ics.content.decode()
    assert body.count("BEGIN:VEVENT") == 1 and "TRIGGER:-P2D" in body


def test_eurodesk_question_reaches_the_desk(client: Any, balikesir: Any) -> None:
    o = OpportunityFactory(office=balikesir)
    data = {
        "requester_name": "Deniz Aydın",
        "requester_email": "deniz@example.org",
        "subject": "Vize",
        "message": "Portekiz için vize gerekiyor mu, masrafı kim karşılıyor?",
        "firsat": o.pk,
    }
    assert client.post(_url(balikesir, "question"), data).status_code == 400  # no consent
    response = client.post(_url(balikesir, "question"), {**data, "consent": "on"})
    assert response.status_code == 200
    with office_scope(balikesir):
        case = Case.objects.get()
        assert case.channel == Channel.EURODESK and case.topic == Topic.YOUTH_MOBILITY
        assert case.priority_group and case.consent_text and o.url in case.message
        reached = selectors.young_people_reached()
    assert reached == {"enquiries": 1, "subscribers": 0, "reached": 1}
    assert client.post(_url(balikesir, "question"), {**data, "firsat": "abc"}).status_code == 404


def test_staff_create_and_publish(client_for: Any, balikesir: Any, balikesir_expert: Any) -> None:
    client = client_for(balikesir_expert)
    response = client.post(
        reverse("panel:youth:create", kwargs={"office_slug": balikesir.slug}),
        {
            "type": "discover_eu",
            "title_tr": "DiscoverEU: 18 yaşındakilere ücretsiz tren bileti",
            "organiser": "Avrupa Komisyonu",
            "organiser_country": "BE",
            "host_country": "BE",
            "residents_of": ["TR"],
            "age_min": 18,
            "age_max": 18,
            "deadline_local": "2027-04-09T12:00",
            "deadline_timezone": "Europe/Brussels",
            "costs_covered": ["travel"],
            "url": "https://youth.europa.eu/discovereu_en",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    with office_scope(balikesir):
        o = Opportunity.objects.get()
    assert o.deadline == dt.datetime(2027, 4, 9, 10, 0, tzinfo=dt.UTC)
    assert o.state == PublicationState.DRAFT and o.turkiye_eligible
    client.post(reverse("panel:youth:publish", kwargs={"office_slug": balikesir.slug, "pk": o.pk}))
    o.refresh_from_db()
    assert o.state == PublicationState.PUBLISHED and o.published_at


def test_alert_subscribers_on_the_personal_data_page_and_forms_on_the_kvkk_notice(
    client: Any, balikesir: Any, izmir: Any
) -> None:
    from kopru.core.personal_data import personal_data_erase, personal_data_find
    from kopru.core.scoping import unscoped

    mine = YouthSearchFactory(office=balikesir, email="genc@example.org", frequency="weekly")
    theirs = YouthSearchFactory(office=izmir, email="genc@example.org", frequency="weekly")
    with office_scope(balikesir):
        found = personal_data_find(email="Genc@Example.org")["youth.alerts"]
        assert [r["search"] for r in found] == [mine.pk]
        assert (
            personal_data_erase(email="genc@example.org", actor=None, office=balikesir)[
                "youth.alerts"
            ]
            == 1
        )
        assert personal_data_find(email="genc@example.org")["youth.alerts"] == []
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.email == "" and mine.unsubscribed_at is not None and not mine.alert_active
    assert theirs.email == "genc@example.org"
    with unscoped("test"):
        assert YouthSearch.objects.count() == 2  # the saved search stays
    notice = client.get("/en/balikesir/kisisel-veriler/").content.decode()
    assert "Youth opportunity alerts" in notice and "Question to Eurodesk" in notice
