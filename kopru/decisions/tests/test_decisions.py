"""The decisions register: services (bad input refused), pages, the owner's link,
reminders, access."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from kopru.core.errors import ApplicationError
from kopru.core.models import AuditEntry
from kopru.core.scoping import office_scope, unscoped
from kopru.core.tests.access_checks import MISSING, assert_one_404
from kopru.core.tests.factories import OrganisationFactory
from kopru.decisions import services
from kopru.decisions.models import Decision, State, Status, Update
from kopru.decisions.permissions import access_decision
from kopru.decisions.tokens import make_token

from .factories import DecisionFactory, MilestoneFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _data(owner: Any, **extra: Any) -> dict[str, Any]:
    return {
        "reference": "2026/7",
        "title_tr": "Engelli erişimi için kamu binaları envanteri",
        "text_tr": "İl genelindeki kamu binalarının erişilebilirlik envanteri çıkarılır.",
        "owner": owner,
        "decided_on": TODAY() - dt.timedelta(days=3),
        "due_date": TODAY() + dt.timedelta(days=90),
        **extra,
    }


def test_create_records_history_and_refuses_a_due_date_before_the_decision(
    balikesir: Any, balikesir_expert: Any
) -> None:
    owner = OrganisationFactory(office=balikesir)
    with office_scope(balikesir):
        decision = services.decision_create(
            office=balikesir, data=_data(owner), actor=balikesir_expert
        )
        assert decision.state() == State.PLANNED
        assert Update.objects.filter(decision=decision).count() == 1
        with pytest.raises(ApplicationError) as exc:
            services.decision_create(
                office=balikesir,
                data=_data(owner, due_date=TODAY() - dt.timedelta(days=10)),
                actor=balikesir_expert,
            )
        assert "önce olamaz" in exc.value.message
        assert "due_date" in exc.value.extra["fields"]


def test_owner_of_another_office_is_refused(
    balikesir: Any, izmir: Any, balikesir_expert: Any
) -> None:
    foreign = OrganisationFactory(office=izmir)
    with office_scope(balikesir), pytest.raises(ApplicationError):
        services.decision_create(office=balikesir, data=_data(foreign), actor=balikesir_expert)


@pytest.mark.parametrize("bad", [-1, 101, 250, "abc", "", None])
def test_progress_outside_0_100_is_refused(balikesir: Any, balikesir_expert: Any, bad: Any) -> None:
    decision = DecisionFactory(office=balikesir)
    with office_scope(balikesir), pytest.raises(ApplicationError) as exc:
        services.decision_progress(
            decision=decision, progress=bad, status=Status.IN_PROGRESS, actor=balikesir_expert
        )
    assert "0 ile 100" in exc.value.message
    decision.refresh_from_db()
    assert decision.progress == 0


def test_database_refuses_progress_above_100(balikesir: Any) -> None:
    decision = DecisionFactory(office=balikesir)
    with unscoped("test"), pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.filter(pk=decision.pk).update(progress=101)


def test_progress_moves_status_done_is_100_and_is_audited(
    balikesir: Any, balikesir_expert: Any
) -> None:
    decision = DecisionFactory(office=balikesir)
    with office_scope(balikesir):
        services.decision_progress(
            decision=decision,
            progress=40,
            status=Status.PLANNED,
            note="İki atölye yapıldı.",
            actor=balikesir_expert,
        )
        assert decision.status == Status.IN_PROGRESS
        services.decision_progress(
            decision=decision, progress=80, status=Status.DONE, actor=balikesir_expert
        )
        assert (decision.status, decision.progress) == (Status.DONE, 100)
        assert decision.completed_on == TODAY()
        notes = list(Update.objects.filter(decision=decision).values_list("note", flat=True))
    assert "İki atölye yapıldı." in notes
    with unscoped("test"):
        actions = list(
            AuditEntry.objects.filter(object_id=str(decision.pk)).values_list("action", flat=True)
        )
    assert actions.count("decisions.decision.progress") == 2


def test_late_is_derived_and_filterable(balikesir: Any) -> None:
    late = DecisionFactory(
        office=balikesir,
        status=Status.IN_PROGRESS,
        progress=30,
        decided_on=TODAY() - dt.timedelta(days=100),
        due_date=TODAY() - dt.timedelta(days=1),
    )
    done_past = DecisionFactory(
        office=balikesir,
        status=Status.DONE,
        progress=100,
        decided_on=TODAY() - dt.timedelta(days=100),
        due_date=TODAY() - dt.timedelta(days=1),
    )
    on_time = DecisionFactory(office=balikesir, status=Status.IN_PROGRESS)
    assert late.state() == State.LATE
    assert done_past.state() == State.DONE
    with office_scope(balikesir):
        from kopru.decisions.models import state_q

        assert list(Decision.objects.filter(state_q(State.LATE))) == [late]
        assert list(Decision.objects.filter(state_q(State.IN_PROGRESS))) == [on_time]


def test_cancel_needs_a_reason(balikesir: Any, balikesir_expert: Any) -> None:
    decision = DecisionFactory(office=balikesir)
    with office_scope(balikesir):
        with pytest.raises(ApplicationError):
            services.decision_cancel(decision=decision, reason="  ", actor=balikesir_expert)
        services.decision_cancel(
            decision=decision, reason="Program kapandı.", actor=balikesir_expert
        )
        assert decision.state() == State.CANCELLED
        with pytest.raises(ApplicationError):
            services.decision_progress(
                decision=decision, progress=10, status=Status.IN_PROGRESS, actor=balikesir_expert
            )


def test_public_page_lists_public_decisions_with_progress_and_filters(
    client: Any, balikesir: Any
) -> None:
    shown = DecisionFactory(office=balikesir, progress=45, status=Status.IN_PROGRESS, theme="youth")
    other = DecisionFactory(office=balikesir, theme="environment")
    hidden = DecisionFactory(office=balikesir, is_public=False)
    url = reverse("public:decisions:list", kwargs={"office_slug": "balikesir"})
    html = client.get(url).content.decode()
    assert shown.title_tr in html and other.title_tr in html
    assert hidden.title_tr not in html
    assert '<progress class="kp-progress' in html and 'value="45"' in html
    assert "style=" not in html.split("<main", 1)[-1]
    filtered = client.get(url, {"tema": "youth"}).content.decode()
    assert shown.title_tr in filtered and other.title_tr not in filtered
    by_owner = client.get(url, {"sorumlu": other.owner_id}).content.decode()
    assert other.title_tr in by_owner and shown.title_tr not in by_owner
    assert client.get(url, {"sorumlu": "abc"}).status_code == 400
    assert client.get(url, {"ilce": "1" * 20}).status_code == 400
    detail = reverse("public:decisions:detail", kwargs={"office_slug": "balikesir", "pk": shown.pk})
    assert client.get(detail).status_code == 200
    hidden_url = reverse(
        "public:decisions:detail", kwargs={"office_slug": "balikesir", "pk": hidden.pk}
    )
    assert client.get(hidden_url).status_code == 404


def test_panel_progress_shows_on_the_public_page(
    client_for: Any, balikesir: Any, balikesir_expert: Any
) -> None:
    decision = DecisionFactory(office=balikesir)
    client = client_for(balikesir_expert)
    url = reverse(
        "panel:decisions:progress", kwargs={"office_slug": "balikesir", "pk": decision.pk}
    )
    bad = client.post(url, {"progress": "150", "status": "in_progress", "version": 1})
    assert bad.status_code == 400
    assert "0 ile 100" in bad.content.decode()
    response = client.post(
        url,
        {"progress": "65", "status": "in_progress", "note": "Üç ilçede tamamlandı.", "version": 1},
    )
    assert response.status_code == 302
    public = client.get(
        reverse("public:decisions:detail", kwargs={"office_slug": "balikesir", "pk": decision.pk})
    ).content.decode()
    assert 'value="65"' in public and "Üç ilçede tamamlandı." in public


def test_member_updates_own_organisations_decision_only(
    client_for: Any, balikesir: Any, balikesir_member: Any
) -> None:
    mine = DecisionFactory(office=balikesir, owner=balikesir_member.organisation)
    theirs = DecisionFactory(office=balikesir)
    client = client_for(balikesir_member)
    listing = client.get(reverse("kurum:decisions:list", kwargs={"office_slug": "balikesir"}))
    assert mine.title_tr in listing.content.decode()
    assert theirs.title_tr not in listing.content.decode()
    url = reverse("kurum:decisions:progress", kwargs={"office_slug": "balikesir", "pk": mine.pk})
    assert (
        client.post(url, {"progress": "30", "status": "in_progress", "version": 1}).status_code
        == 302
    )
    other = reverse(
        "kurum:decisions:progress", kwargs={"office_slug": "balikesir", "pk": theirs.pk}
    )
    assert client.get(other).status_code == 404
    mine.refresh_from_db()
    assert mine.progress == 30


def test_signed_link_updates_and_renewal_revokes_it(
    client: Any, balikesir: Any, balikesir_expert: Any
) -> None:
    decision = DecisionFactory(office=balikesir)
    url = reverse(
        "public:decisions:progress_link",
        kwargs={"office_slug": "balikesir", "token": make_token(decision)},
    )
    assert client.get(url).status_code == 200
    response = client.post(url, {"progress": "20", "status": "in_progress", "note": "Başladık."})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.progress == 20
    with unscoped("test"):
        update = Update.objects.filter(decision=decision).first()
    assert update is not None and update.via_link and update.author_label == decision.contact_name
    assert client.post(url, {"progress": "120", "status": "in_progress"}).status_code == 400
    with office_scope(balikesir):
        services.decision_link_renew(decision=decision, actor=balikesir_expert)
    assert client.get(url).status_code == 404
    assert client.get(url.replace("ilerleme/", "ilerleme/x")).status_code == 404
    izmir_url = url.replace("/balikesir/", "/izmir/")
    assert client.get(izmir_url).status_code == 404


def test_reminders_go_once_a_week_with_the_signed_link(balikesir: Any) -> None:
    soon = DecisionFactory(office=balikesir, due_date=TODAY() + dt.timedelta(days=5))
    DecisionFactory(office=balikesir, due_date=TODAY() + dt.timedelta(days=50))
    DecisionFactory(
        office=balikesir, due_date=TODAY() + dt.timedelta(days=5), status=Status.DONE, progress=100
    )
    assert services.decisions_remind() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [soon.contact_email]
    assert make_token(soon) in mail.outbox[0].body
    assert services.decisions_remind() == 0
    assert services.decisions_remind(today=TODAY() + dt.timedelta(days=8)) == 1


def test_panel_create_edit_cancel_milestones_and_links(
    client_for: Any, balikesir: Any, balikesir_expert: Any
) -> None:
    client = client_for(balikesir_expert)
    owner = OrganisationFactory(office=balikesir)
    create = reverse("panel:decisions:create", kwargs={"office_slug": "balikesir"})
    assert client.get(create).status_code == 200
    data = {
        "title_tr": "Kırsal gençlik için bilgilendirme",
        "text_tr": "Yedi ilçede bilgilendirme yapılır.",
        "owner": owner.pk,
        "decided_on": "2026-03-01",
        "due_date": "2026-02-01",
        "is_public": "on",
    }
    refused = client.post(create, data)
    assert refused.status_code == 400 and "önce olamaz" in refused.content.decode()
    response = client.post(create, {**data, "due_date": "2027-03-01"})
    assert response.status_code == 302
    with office_scope(balikesir):
        decision = Decision.objects.get(title_tr=data["title_tr"])
    kw = {"office_slug": "balikesir", "pk": decision.pk}
    assert client.get(reverse("panel:decisions:detail", kwargs=kw)).status_code == 200
    edit = reverse("panel:decisions:edit", kwargs=kw)
    assert client.post(edit, {**data, "due_date": "2027-04-01", "version": 1}).status_code == 302
    assert client.post(edit, {**data, "due_date": "2027-05-01", "version": 1}).status_code == 409
    client.post(
        reverse("panel:decisions:milestone_add", kwargs=kw),
        {"title_tr": "Karesi toplantısı", "due_date": "2026-06-01"},
    )
    client.post(
        reverse("panel:decisions:link_add", kwargs=kw),
        {"kind": "news", "url": "https://www.ab.gov.tr/duyurular_42.html", "label": "Duyuru"},
    )
    assert client.get(reverse("panel:decisions:cancel", kwargs=kw)).status_code == 405
    client.post(reverse("panel:decisions:cancel", kwargs=kw), {"reason": "Kaynak yok."})
    with office_scope(balikesir):
        decision.refresh_from_db()
        assert decision.status == Status.CANCELLED
        assert decision.milestones.count() == 1
        assert decision.links.count() == 1


def test_access_helpers(
    balikesir: Any, izmir: Any, balikesir_expert: Any, balikesir_member: Any
) -> None:
    mine = DecisionFactory(office=balikesir, owner=balikesir_member.organisation)
    neighbours = DecisionFactory(office=balikesir)
    other = DecisionFactory(office=izmir)
    MilestoneFactory(decision=mine)
    with office_scope(balikesir):
        assert access_decision(balikesir_member, mine.pk, for_="progress") == mine
        assert access_decision(balikesir_expert, neighbours.pk) == neighbours
        assert_one_404(
            lambda: access_decision(balikesir_expert, MISSING),
            lambda: access_decision(balikesir_expert, other.pk),
            lambda: access_decision(balikesir_member, neighbours.pk, for_="progress"),
            lambda: access_decision(balikesir_member, mine.pk, for_="manage"),
        )


def test_reminder_job_is_declared_on_the_scheduler() -> None:
    from kopru.core.scheduler import periodic_jobs
    from kopru.decisions import tasks

    assert "decisions.remind_owners" in {job.name for job in periodic_jobs()}
    assert tasks.remind_owners() == {"reminded": 0}


def test_api_lists_public_decisions_without_contacts(client: Any, balikesir: Any) -> None:
    late = DecisionFactory(
        office=balikesir,
        status=Status.IN_PROGRESS,
        decided_on=TODAY() - dt.timedelta(days=90),
        due_date=TODAY() - dt.timedelta(days=2),
    )
    MilestoneFactory(decision=late)
    DecisionFactory(office=balikesir)
    DecisionFactory(office=balikesir, is_public=False)
    listed = client.get("/api/v1/decisions/", {"office": "balikesir"})
    assert listed.status_code == 200
    data = listed.json()
    assert data["count"] == 2
    assert late.contact_email not in listed.content.decode()
    only_late = client.get("/api/v1/decisions/", {"state": "late"}).json()
    assert [d["id"] for d in only_late["results"]] == [late.pk]
    assert only_late["results"][0]["milestones"][0]["title_tr"]
    assert client.get("/api/v1/decisions/", {"state": "soon"}).status_code == 400
    assert client.get("/api/v1/decisions/", {"owner": "x"}).status_code == 400
