"""Every write of the youth opportunities: the office's records, the public's saved
searches and alerts (the machinery of :mod:`kopru.core.subscriptions`), and the
Eurodesk questions (sent to the guidance desk through its services)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from kopru.core import subscriptions
from kopru.core.audit import audit_log
from kopru.core.errors import ApplicationError
from kopru.core.services import model_create, model_update
from kopru.core.text import normalise_email
from kopru.guidance import services as guidance_services
from kopru.guidance.models import Case

from . import notifications, selectors
from .models import Opportunity, PublicationState, YouthSearch

if TYPE_CHECKING:
    from kopru.accounts.models import User
    from kopru.offices.models import Office

FIELDS = (
    "type",
    "title_tr",
    "title_en",
    "description_tr",
    "description_en",
    "organiser",
    "organiser_country",
    "host_country",
    "host_city",
    "residents_of",
    "age_min",
    "age_max",
    "starts_on",
    "ends_on",
    "opens_on",
    "deadline",
    "deadline_timezone",
    "costs_covered",
    "working_language",
    "url",
)


def check_opportunity(data: dict[str, Any]) -> None:
    """The rules a form cannot see alone; raises with field errors."""
    errors: dict[str, str] = {}
    if not (str(data.get("title_tr") or "").strip() or str(data.get("title_en") or "").strip()):
        errors["title_tr"] = _("Türkçe ya da İngilizce bir başlık yazın.")
    if data.get("age_min") and data.get("age_max") and data["age_min"] > data["age_max"]:
        errors["age_max"] = _("En büyük yaş en küçük yaştan küçük olamaz.")
    if data.get("starts_on") and data.get("ends_on") and data["starts_on"] > data["ends_on"]:
        errors["ends_on"] = _("Bitiş başlangıçtan önce olamaz.")
    deadline = data.get("deadline")
    if deadline and data.get("opens_on") and timezone.localdate(deadline) < data["opens_on"]:
        errors["deadline"] = _("Son başvuru, başvuruların açıldığı günden önce olamaz.")
    if errors:
        raise ApplicationError(next(iter(errors.values())), extra={"fields": errors})


def opportunity_create(*, office: Office, data: dict[str, Any], actor: User) -> Opportunity:
    values = {k: v for k, v in data.items() if k in FIELDS}
    check_opportunity(values)
    return model_create(
        model=Opportunity, data={**values, "office": office, "created_by": actor}, actor=actor
    )


def opportunity_update(
    *,
    opportunity: Opportunity,
    data: dict[str, Any],
    actor: User,
    expected_version: int | None,
) -> Opportunity:
    values = {k: v for k, v in data.items() if k in FIELDS}
    check_opportunity({**{k: getattr(opportunity, k) for k in FIELDS}, **values})
    opportunity, _changes = model_update(
        instance=opportunity, data=values, actor=actor, expected_version=expected_version
    )
    return opportunity


def _set_state(opportunity: Opportunity, state: str, actor: User, action: str) -> Opportunity:
    before = opportunity.state
    opportunity.state = state
    fields = ["state"]
    if state == PublicationState.PUBLISHED and not opportunity.published_at:
        opportunity.published_at = timezone.now()
        fields.append("published_at")
    opportunity.save(update_fields=fields)
    audit_log(actor=actor, action=action, obj=opportunity, changes={"state": (before, state)})
    return opportunity


@transaction.atomic
def opportunity_publish(*, opportunity: Opportunity, actor: User) -> Opportunity:
    if opportunity.state == PublicationState.PUBLISHED:
        return opportunity
    opportunity = _set_state(
        opportunity, PublicationState.PUBLISHED, actor, "youth.opportunity.published"
    )
    office_id = opportunity.office_id
    transaction.on_commit(lambda: send_instant_alerts.enqueue(office_id))
    return opportunity


@transaction.atomic
def opportunity_archive(*, opportunity: Opportunity, actor: User) -> Opportunity:
    return _set_state(opportunity, PublicationState.ARCHIVED, actor, "youth.opportunity.archived")


@transaction.atomic
def opportunity_unpublish(*, opportunity: Opportunity, actor: User) -> Opportunity:
    return _set_state(opportunity, PublicationState.DRAFT, actor, "youth.opportunity.unpublished")


# -- saved searches and alerts --------------------------------------------------------


@transaction.atomic
def search_save(
    *, office: Office, name: str, params: dict[str, Any], language: str, actor: User | None
) -> YouthSearch:
    search = YouthSearch(
        office=office,
        name=name.strip()[:120] or _("Kayıtlı arama"),
        params={k: v for k, v in params.items() if k != "page"},
        language=language,
    )
    search.save()
    audit_log(actor=actor, action="youth.youthsearch.created", obj=search)
    return search


def alert_request(
    *,
    search: YouthSearch,
    email: str,
    frequency: str,
    language: str,
    consent_text: str,
    actor: User | None,
) -> YouthSearch:
    """Record the opt-in and consent, and send the confirmation (double opt-in)."""
    return subscriptions.alert_request(
        subscription=search,
        email=email,
        frequency=frequency,
        language=language,
        consent_text=consent_text,
        actor=actor,
        send_confirmation=notifications.send_alert_confirmation,
    )


def alert_confirm(*, search: YouthSearch) -> YouthSearch:
    return subscriptions.alert_confirm(subscription=search)


def alert_unsubscribe(*, search: YouthSearch) -> YouthSearch:
    return subscriptions.alert_unsubscribe(subscription=search)


@transaction.atomic
def alerts_erase(*, email: str, actor: Any) -> int:
    """A KVKK erasure: the saved searches of ``email`` in the active scope lose the address
    and their alert ends; the searches stay (their pages still work)."""
    key = normalise_email(email)
    if not key:
        return 0
    now = timezone.now()
    count = 0
    for search in YouthSearch.objects.filter(email__iexact=key):
        search.email = ""
        search.unsubscribed_at = search.unsubscribed_at or now
        search.save(update_fields=["email", "unsubscribed_at", "updated_at"])
        audit_log(actor=actor, action="youth.alert.erased", obj=search)
        count += 1
    return count


def _new_opportunities(search: YouthSearch) -> list[Opportunity]:
    return selectors.opportunities_for_search(search, since=search.last_sent_at)


def alerts_send_due(*, frequencies: tuple[str, ...], office_id: int | None = None) -> int:
    return subscriptions.alerts_send_due(
        model=YouthSearch,
        frequencies=frequencies,
        new_items=_new_opportunities,
        send_digest=notifications.send_digest,
        office_id=office_id,
    )


@task()
def send_instant_alerts(office_id: int) -> int:
    """The queue's job after an opportunity is published: the office's instant alerts.
    (It lives beside its service so that publishing, a service, can enqueue it.)"""
    return alerts_send_due(frequencies=(subscriptions.Frequency.INSTANT,), office_id=office_id)


# -- Eurodesk questions -----------------------------------------------------------------


def eurodesk_question(
    *,
    office: Office,
    data: dict[str, Any],
    consent_text: str,
    language: str,
    requester_user: User | None = None,
    opportunity: Opportunity | None = None,
) -> Case:
    """A young person's question: a Eurodesk enquiry at the guidance desk."""
    message = data["message"]
    if opportunity is not None:
        message = f"{message}\n\n— {opportunity} ({opportunity.url})"
    return guidance_services.eurodesk_enquiry_submit(
        office=office,
        data={
            "requester_name": data["requester_name"],
            "requester_email": data["requester_email"],
            "subject": data["subject"],
            "message": message,
        },
        consent_text=consent_text,
        language=language,
        requester_user=requester_user,
    )
