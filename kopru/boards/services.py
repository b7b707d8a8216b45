"""Every write of boards and meetings: bodies, seats, meetings, agendas, documents,
invitations (RSVP, attendance), minutes in phases, and personal-data erasure."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kopru.core.audit import audit_log
from kopru.core.errors import ApplicationError
from kopru.core.registry import AgendaSource, registry
from kopru.core.scoping import unscoped_manager
from kopru.core.services import model_create, model_update
from kopru.organisations.models import Organisation, TeamMember

from . import emails
from .models import (
    AgendaItem,
    Body,
    Invitation,
    Meeting,
    MeetingDocument,
    MeetingStatus,
    Membership,
    Minutes,
    MinutesComment,
    MinutesStatus,
    Rsvp,
    new_nonce,
)

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from kopru.accounts.models import User
    from kopru.offices.models import Office

MAX_COMMENT = 5000
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
DOCUMENT_TYPES = (".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".png", ".jpg", ".jpeg")


# --- bodies and seats --------------------------------------------------------


def body_create(*, actor: User, office: Office, data: dict[str, Any]) -> Body:
    return model_create(model=Body, data={**data, "office": office}, actor=actor)


def body_update(
    *, actor: User, body: Body, data: dict[str, Any], expected_version: int | None
) -> Body:
    return model_update(instance=body, data=data, actor=actor, expected_version=expected_version)[0]


def _person_fields(organisation: Organisation, person: TeamMember | None) -> dict[str, Any]:
    if person is None:
        return {}
    if person.organisation_id != organisation.pk:
        raise ApplicationError(_("Seçilen kişi bu kurumun rehberinde değil."))
    return {"full_name": person.full_name, "job_title": person.job_title, "email": person.email}


def membership_add(*, actor: User, body: Body, data: dict[str, Any]) -> Membership:
    """Seat an organisation (and one of its people) on ``body``. Name, title and address
    come from the directory's person unless typed in; the term ends after the body's
    usual term unless given."""
    organisation = data["organisation"]
    if organisation.office_id != body.office_id:
        raise ApplicationError(_("Kurum bu ofisin rehberinde değil."))
    person = data.get("person")
    values = {**_person_fields(organisation, person), **{k: v for k, v in data.items() if v}}
    starts = values.get("term_starts_on") or timezone.localdate()
    values["term_starts_on"] = starts
    if not values.get("term_ends_on") and body.term_months:
        months = starts.month - 1 + body.term_months
        year, month = starts.year + months // 12, months % 12 + 1
        day = min(starts.day, 28)
        values["term_ends_on"] = dt.date(year, month, day) - dt.timedelta(days=1)
    if values.get("term_ends_on") and values["term_ends_on"] < starts:
        raise ApplicationError(_("Üyelik bitişi başlangıçtan önce olamaz."))
    return model_create(
        model=Membership, data={**values, "body": body, "office_id": body.office_id}, actor=actor
    )


def membership_update(
    *, actor: User, membership: Membership, data: dict[str, Any], expected_version: int | None
) -> Membership:
    starts = data.get("term_starts_on", membership.term_starts_on)
    ends = data.get("term_ends_on", membership.term_ends_on)
    if ends and starts and ends < starts:
        raise ApplicationError(_("Üyelik bitişi başlangıçtan önce olamaz."))
    person = data.get("person", membership.person)
    organisation = data.get("organisation", membership.organisation)
    if person is not None and person.organisation_id != organisation.pk:
        raise ApplicationError(_("Seçilen kişi bu kurumun rehberinde değil."))
    return model_update(
        instance=membership, data=data, actor=actor, expected_version=expected_version
    )[0]


def membership_end(*, actor: User, membership: Membership, ends_on: dt.date) -> Membership:
    if ends_on < membership.term_starts_on:
        raise ApplicationError(_("Üyelik bitişi başlangıçtan önce olamaz."))
    return model_update(
        instance=membership,
        data={"term_ends_on": ends_on},
        actor=actor,
        action="boards.membership.ended",
    )[0]


# --- meetings and agendas ----------------------------------------------------


def _check_times(starts: Any, ends: Any) -> None:
    if starts and ends and ends < starts:
        raise ApplicationError(_("Toplantının bitişi başlangıcından önce olamaz."))


@transaction.atomic
def meeting_create(*, actor: User, body: Body, data: dict[str, Any]) -> Meeting:
    """A new meeting of ``body``; its agenda draft starts with the body's open items
    (:class:`kopru.core.registry.AgendaSource`)."""
    _check_times(data.get("starts_at"), data.get("ends_at"))
    locked = unscoped_manager(Body, reason="the body given, locked").select_for_update()
    locked.get(pk=body.pk)
    last = unscoped_manager(Meeting, reason="numbering the meetings of the body given")
    number = (last.filter(body=body).aggregate(n=Max("number"))["n"] or 0) + 1
    meeting = model_create(
        model=Meeting,
        data={**data, "body": body, "office_id": body.office_id, "number": number},
        actor=actor,
    )
    agenda_pull_open_items(actor=actor, meeting=meeting)
    return meeting


def meeting_update(
    *, actor: User, meeting: Meeting, data: dict[str, Any], expected_version: int | None
) -> Meeting:
    _check_times(data.get("starts_at", meeting.starts_at), data.get("ends_at", meeting.ends_at))
    return model_update(
        instance=meeting, data=data, actor=actor, expected_version=expected_version
    )[0]


def meeting_set_status(*, actor: User, meeting: Meeting, status: str, reason: str = "") -> Meeting:
    if status not in MeetingStatus.values:
        raise ApplicationError(_("Bilinmeyen toplantı durumu."))
    if status == MeetingStatus.CANCELLED and not reason.strip():
        raise ApplicationError(_("Toplantının iptal gerekçesini yazın."))
    if status == MeetingStatus.HELD and meeting.starts_at > timezone.now():
        raise ApplicationError(_("Henüz başlamamış bir toplantı yapıldı olarak işaretlenemez."))
    return model_update(
        instance=meeting,
        data={"status": status, "cancel_reason": reason.strip()[:300]},
        actor=actor,
        action=f"boards.meeting.{status}",
    )[0]


def _next_order(meeting: Meeting) -> int:
    items = unscoped_manager(AgendaItem, reason="ordering the agenda of the meeting given")
    return (items.filter(meeting=meeting).aggregate(n=Max("order"))["n"] or 0) + 1


def agenda_item_add(*, actor: User, meeting: Meeting, data: dict[str, Any]) -> AgendaItem:
    values = {**data, "meeting": meeting, "office_id": meeting.office_id}
    if not values.get("order"):
        values["order"] = _next_order(meeting)
    return model_create(model=AgendaItem, data=values, actor=actor)


def agenda_item_update(
    *, actor: User, item: AgendaItem, data: dict[str, Any], expected_version: int | None
) -> AgendaItem:
    return model_update(instance=item, data=data, actor=actor, expected_version=expected_version)[0]


@transaction.atomic
def agenda_item_delete(*, actor: User, item: AgendaItem) -> None:
    audit_log(
        actor=actor,
        action="boards.agendaitem.deleted",
        obj=item.meeting,
        data={"title": item.title_tr, "order": item.order},
    )
    item.delete()


@transaction.atomic
def agenda_item_move(*, actor: User, item: AgendaItem, up: bool) -> None:
    """Swap ``item`` with its neighbour above (``up``) or below; the agenda is renumbered
    1, 2, 3, ... first so that equal orders cannot stall the move."""
    items = list(
        unscoped_manager(AgendaItem, reason="the agenda of the item given")
        .select_for_update()
        .filter(meeting_id=item.meeting_id)
        .order_by("order", "id")
    )
    index = next(i for i, it in enumerate(items) if it.pk == item.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
    for position, it in enumerate(items, start=1):
        if it.order != position:
            it.order = position
            it.save(update_fields=["order"])
    audit_log(actor=actor, action="boards.agendaitem.moved", obj=item, data={"up": up})


def agenda_pull_open_items(*, actor: User | None, meeting: Meeting) -> int:
    """Put on ``meeting``'s agenda the open items every :class:`AgendaSource` gives for it
    (the decisions register's open actions of the body). An item already on the agenda
    (same key) is skipped, so calling it again adds only what is new. Returns how many."""
    if meeting.status != MeetingStatus.PLANNED:
        return 0
    existing = set(
        unscoped_manager(AgendaItem, reason="the agenda of the meeting given")
        .filter(meeting=meeting)
        .exclude(source_key="")
        .values_list("source_key", flat=True)
    )
    added = 0
    for source in registry.of(AgendaSource):
        for entry in source.items(meeting):
            key = str(entry.get("key") or "")[:120]
            if not key or key in existing:
                continue
            existing.add(key)
            model_create(
                model=AgendaItem,
                data={
                    "meeting": meeting,
                    "office_id": meeting.office_id,
                    "order": _next_order(meeting),
                    "title_tr": str(entry.get("title_tr") or entry.get("title_en") or key)[:300],
                    "title_en": str(entry.get("title_en") or "")[:300],
                    "description": str(entry.get("description") or ""),
                    "presenter": str(entry.get("presenter") or "")[:200],
                    "minutes_allotted": 5,
                    "source_key": key,
                },
                actor=actor or _("Gündem taslağı"),
                action="boards.agendaitem.drawn",
            )
            added += 1
    return added


# --- documents ---------------------------------------------------------------


def document_add(
    *, actor: User, meeting: Meeting, title: str, upload: UploadedFile, is_public: bool = False
) -> MeetingDocument:
    name = (upload.name or "").lower()
    if not name.endswith(DOCUMENT_TYPES):
        raise ApplicationError(
            _("Bu dosya türü yüklenemez (PDF, Office belgesi ya da resim yükleyin).")
        )
    if (upload.size or 0) > MAX_DOCUMENT_BYTES:
        raise ApplicationError(_("Dosya en çok 20 MB olabilir."))
    return model_create(
        model=MeetingDocument,
        data={
            "meeting": meeting,
            "office_id": meeting.office_id,
            "title": title.strip()[:250] or upload.name,
            "file": upload,
            "is_public": is_public,
            "uploaded_by": actor,
        },
        actor=actor,
    )


@transaction.atomic
def document_delete(*, actor: User, document: MeetingDocument) -> None:
    audit_log(
        actor=actor,
        action="boards.meetingdocument.deleted",
        obj=document.meeting,
        data={"title": document.title},
    )
    storage, name = document.file.storage, document.file.name
    document.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


# --- invitations, RSVP, attendance -------------------------------------------


@transaction.atomic
def invitations_for_members(*, actor: User, meeting: Meeting) -> int:
    """Invite every member whose term covers the meeting day (once each). Returns how many."""
    day = timezone.localtime(meeting.starts_at).date()
    invited = set(
        unscoped_manager(Invitation, reason="the invitations of the meeting given")
        .filter(meeting=meeting, membership__isnull=False)
        .values_list("membership_id", flat=True)
    )
    seats = (
        unscoped_manager(Membership, reason="the seats of the meeting's body")
        .filter(body_id=meeting.body_id, term_starts_on__lte=day, erased_at__isnull=True)
        .exclude(term_ends_on__lt=day)
        .select_related("organisation")
    )
    added = 0
    for seat in seats:
        if seat.pk in invited:
            continue
        model_create(
            model=Invitation,
            data={
                "meeting": meeting,
                "office_id": meeting.office_id,
                "membership": seat,
                "full_name": seat.full_name or seat.organisation.name,
                "organisation_name": seat.organisation.name,
                "email": seat.email or seat.organisation.contact_email or seat.organisation.email,
            },
            actor=actor,
        )
        added += 1
    return added


def invitation_add(*, actor: User, meeting: Meeting, data: dict[str, Any]) -> Invitation:
    """A guest who holds no seat (a presenter, an expert)."""
    return model_create(
        model=Invitation,
        data={**data, "meeting": meeting, "office_id": meeting.office_id},
        actor=actor,
    )


@transaction.atomic
def invitations_send(*, actor: User, meeting: Meeting, resend: bool = False) -> int:
    """E-mail the invitation (with the calendar file and the RSVP link) to every invitee
    with an address not yet sent to (``resend``: to all). Returns how many."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise ApplicationError(_("İptal edilmiş toplantıya davet gönderilemez."))
    qs = (
        unscoped_manager(Invitation, reason="the invitations of the meeting given")
        .filter(meeting=meeting, revoked_at__isnull=True, erased_at__isnull=True)
        .exclude(email="")
    )
    if not resend:
        qs = qs.filter(sent_at__isnull=True)
    ids = list(qs.values_list("pk", flat=True))
    now = timezone.now()
    qs.update(sent_at=now)
    audit_log(
        actor=actor, action="boards.meeting.invitations_sent", obj=meeting, data={"count": len(ids)}
    )
    transaction.on_commit(lambda: emails.send_invitations(ids))
    return len(ids)


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    """Stop the invitee's link working (a new nonce); a new link can be sent later."""
    locked = (
        unscoped_manager(Invitation, reason="the invitation given, locked")
        .select_for_update()
        .get(pk=invitation.pk)
    )
    locked.token_nonce = new_nonce()
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["token_nonce", "revoked_at", "updated_at"])
    audit_log(actor=actor, action="boards.invitation.link_revoked", obj=locked)
    return locked


@transaction.atomic
def invitation_reissue(*, actor: User, invitation: Invitation) -> Invitation:
    """A new link after a revocation (the old one stays dead) and send it."""
    locked = (
        unscoped_manager(Invitation, reason="the invitation given, locked")
        .select_for_update()
        .get(pk=invitation.pk)
    )
    locked.token_nonce = new_nonce()
    locked.revoked_at = None
    locked.sent_at = timezone.now() if locked.email else None
    locked.save(update_fields=["token_nonce", "revoked_at", "sent_at", "updated_at"])
    audit_log(actor=actor, action="boards.invitation.link_reissued", obj=locked)
    if locked.email:
        pk = locked.pk
        transaction.on_commit(lambda: emails.send_invitations([pk]))
    return locked


def _usable(invitation: Invitation) -> None:
    if invitation.revoked_at is not None or invitation.erased_at is not None:
        raise ApplicationError(
            _("Bu bağlantı iptal edilmiş. Yeni bir bağlantı için kurul sekretaryasına yazın.")
        )


@transaction.atomic
def invitation_rsvp(*, invitation: Invitation, answer: str, note: str = "") -> Invitation:
    """The invitee answers through their signed link (no account)."""
    locked = (
        unscoped_manager(Invitation, reason="a signed invitation link names it")
        .select_for_update()
        .select_related("meeting")
        .get(pk=invitation.pk)
    )
    _usable(locked)
    if answer not in (Rsvp.YES, Rsvp.NO, Rsvp.MAYBE):
        raise ApplicationError(_("Katılacak mısınız? Bir yanıt seçin."))
    if locked.meeting.status == MeetingStatus.CANCELLED:
        raise ApplicationError(_("Bu toplantı iptal edildi."))
    if locked.meeting.ends_at < timezone.now():
        raise ApplicationError(_("Toplantı yapıldı; katılım yanıtı artık değiştirilemez."))
    old = locked.rsvp
    locked.rsvp = answer
    locked.rsvp_note = note.strip()[:300]
    locked.responded_at = timezone.now()
    locked.save(update_fields=["rsvp", "rsvp_note", "responded_at", "updated_at"])
    audit_log(
        actor=locked.full_name or "invitee",
        action="boards.invitation.rsvp",
        obj=locked,
        changes={"rsvp": (old, answer)},
    )
    return locked


@transaction.atomic
def attendance_record(*, actor: User, invitation: Invitation) -> Invitation:
    """Check an invitee in at the door (idempotent)."""
    locked = (
        unscoped_manager(Invitation, reason="the invitation given, locked")
        .select_for_update()
        .get(pk=invitation.pk)
    )
    if locked.checked_in_at is None:
        locked.checked_in_at = timezone.now()
        locked.checked_in_by = actor
        locked.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
        audit_log(actor=actor, action="boards.invitation.checked_in", obj=locked)
    return locked


@transaction.atomic
def attendance_remove(*, actor: User, invitation: Invitation) -> Invitation:
    locked = (
        unscoped_manager(Invitation, reason="the invitation given, locked")
        .select_for_update()
        .get(pk=invitation.pk)
    )
    if locked.checked_in_at is not None:
        locked.checked_in_at = None
        locked.checked_in_by = None
        locked.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
        audit_log(actor=actor, action="boards.invitation.check_in_undone", obj=locked)
    return locked


@transaction.atomic
def walk_in_register(*, actor: User, meeting: Meeting, data: dict[str, Any]) -> Invitation:
    """Somebody not invited turns up at the door: add them and check them in."""
    invitation = invitation_add(actor=actor, meeting=meeting, data=data)
    return attendance_record(actor=actor, invitation=invitation)


# --- minutes in phases -------------------------------------------------------


def _lock_minutes(minutes: Minutes) -> Minutes:
    return (
        unscoped_manager(Minutes, reason="the minutes given, locked")
        .select_for_update()
        .select_related("meeting", "meeting__body")
        .get(pk=minutes.pk)
    )


def _refuse_locked(minutes: Minutes) -> None:
    if minutes.is_locked:
        raise ApplicationError(
            _(
                "Onaylanmış tutanak değiştirilemez. Bir düzeltme gerekiyorsa nedenini yazarak "
                "tutanağın yeni sürümünü açın."
            )
        )


def _opening_text(meeting: Meeting) -> str:
    invitations = unscoped_manager(Invitation, reason="the invitations of the meeting given")
    present = invitations.filter(meeting=meeting, checked_in_at__isnull=False).count()
    when = timezone.localtime(meeting.starts_at)
    where = meeting.place or meeting.online_url
    return _(
        "{body} {number}. toplantısı {date} saat {time}'de {place} {count} katılımcıyla açıldı."
    ).format(
        body=meeting.body.name_tr,
        number=meeting.number,
        date=when.strftime("%d.%m.%Y"),
        time=when.strftime("%H.%M"),
        place=f"{where}," if where else "",
        count=present,
    )


@transaction.atomic
def minutes_start(*, actor: User, meeting: Meeting) -> Minutes:
    """The first draft of ``meeting``'s minutes (the opening filled in from the attendance)."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise ApplicationError(_("İptal edilmiş toplantının tutanağı olmaz."))
    if meeting.starts_at > timezone.now():
        raise ApplicationError(_("Toplantı başlamadan tutanak açılamaz."))
    unscoped_manager(Meeting, reason="the meeting given, locked").select_for_update().get(
        pk=meeting.pk
    )
    existing = unscoped_manager(Minutes, reason="the minutes of the meeting given")
    if existing.filter(meeting=meeting).exists():
        raise ApplicationError(_("Bu toplantının tutanağı zaten açılmış."))
    if meeting.status == MeetingStatus.PLANNED:
        meeting_set_status(actor=actor, meeting=meeting, status=MeetingStatus.HELD)
    return model_create(
        model=Minutes,
        data={
            "meeting": meeting,
            "office_id": meeting.office_id,
            "number": 1,
            "opening": _opening_text(meeting),
        },
        actor=actor,
    )


def minutes_update(
    *, actor: User, minutes: Minutes, data: dict[str, Any], expected_version: int | None
) -> Minutes:
    """Edit draft or circulated minutes; approved minutes are refused. Two secretaries
    saving from the same version: the second is refused (``ConcurrentEditError``)."""
    with transaction.atomic():
        current = _lock_minutes(minutes)
        _refuse_locked(current)
        return model_update(
            instance=minutes, data=data, actor=actor, expected_version=expected_version
        )[0]


def _set_status(
    minutes: Minutes, *, actor: User, status: str, extra: dict[str, Any] | None = None
) -> Minutes:
    return model_update(
        instance=minutes,
        data={"status": status, **(extra or {})},
        actor=actor,
        action=f"boards.minutes.{status}",
    )[0]


@transaction.atomic
def minutes_circulate(
    *, actor: User, minutes: Minutes, comments_close_on: dt.date | None = None
) -> Minutes:
    """Send the draft to the attendees for comments through their link."""
    current = _lock_minutes(minutes)
    if current.status != MinutesStatus.DRAFT:
        raise ApplicationError(_("Yalnızca taslak tutanak görüşe açılabilir."))
    if comments_close_on and comments_close_on < timezone.localdate():
        raise ApplicationError(_("Görüş son günü geçmişte olamaz."))
    if not (current.discussion.strip() or current.opening.strip()):
        raise ApplicationError(_("Boş tutanak görüşe açılamaz; önce görüşmeleri yazın."))
    current = _set_status(
        current,
        actor=actor,
        status=MinutesStatus.CIRCULATED,
        extra={"circulated_at": timezone.now(), "comments_close_on": comments_close_on},
    )
    ids = list(
        unscoped_manager(Invitation, reason="the attendees of the minutes' meeting")
        .filter(meeting_id=current.meeting_id, revoked_at__isnull=True, erased_at__isnull=True)
        .exclude(rsvp=Rsvp.NO, checked_in_at__isnull=True)
        .exclude(email="")
        .values_list("pk", flat=True)
    )
    pk = current.pk
    transaction.on_commit(lambda: emails.send_minutes_circulated(pk, ids))
    return current


@transaction.atomic
def minutes_comment(*, invitation: Invitation, minutes: Minutes, text: str) -> MinutesComment:
    """An attendee comments on circulated minutes through their signed link."""
    _usable(invitation)
    current = _lock_minutes(minutes)
    if current.meeting_id != invitation.meeting_id:
        raise ApplicationError(_("Bu tutanak sizin davetli olduğunuz toplantının değil."))
    if current.status != MinutesStatus.CIRCULATED:
        raise ApplicationError(_("Tutanak görüşe açık değil; görüş gönderilemez."))
    if current.comments_close_on and current.comments_close_on < timezone.localdate():
        raise ApplicationError(_("Tutanak için görüş süresi doldu."))
    text = text.strip()
    if len(text) < 3:
        raise ApplicationError(_("Görüşünüzü yazın."))
    if len(text) > MAX_COMMENT:
        raise ApplicationError(_("Görüş en çok 5000 karakter olabilir."))
    return model_create(
        model=MinutesComment,
        data={
            "minutes": current,
            "invitation": invitation,
            "office_id": current.office_id,
            "text": text,
        },
        actor=invitation.full_name or "invitee",
    )


def minutes_comment_answer(*, actor: User, comment: MinutesComment, answer: str) -> MinutesComment:
    if not answer.strip():
        raise ApplicationError(_("Yanıtı yazın."))
    return model_update(
        instance=comment,
        data={"answer": answer.strip(), "answered_at": timezone.now()},
        actor=actor,
        action="boards.minutescomment.answered",
    )[0]


@transaction.atomic
def minutes_approve(*, actor: User, minutes: Minutes) -> Minutes:
    """The coordinator approves circulated (or, for a correction, draft) minutes; from
    now on they never change."""
    current = _lock_minutes(minutes)
    _refuse_locked(current)
    if current.status != MinutesStatus.CIRCULATED and current.corrects_id is None:
        raise ApplicationError(_("Tutanak onaydan önce katılımcıların görüşüne açılmalıdır."))
    return _set_status(
        current,
        actor=actor,
        status=MinutesStatus.APPROVED,
        extra={"approved_at": timezone.now(), "approved_by": actor},
    )


@transaction.atomic
def minutes_publish(*, actor: User, minutes: Minutes) -> Minutes:
    """Publish approved minutes of a public body on its public page."""
    current = _lock_minutes(minutes)
    if current.status != MinutesStatus.APPROVED:
        raise ApplicationError(_("Yalnızca onaylanmış tutanak yayımlanabilir."))
    if not current.meeting.body.is_public:
        raise ApplicationError(
            _("Kurul herkese açık değil; tutanakları yalnızca üyeler ve ofis görür.")
        )
    newer = unscoped_manager(Minutes, reason="the versions of the minutes' meeting").filter(
        meeting_id=current.meeting_id,
        number__gt=current.number,
        status__in=[MinutesStatus.APPROVED, MinutesStatus.PUBLISHED],
    )
    if newer.exists():
        raise ApplicationError(_("Bu sürümün yerini daha yeni onaylı bir sürüm aldı."))
    return _set_status(
        current, actor=actor, status=MinutesStatus.PUBLISHED, extra={"published_at": timezone.now()}
    )


@transaction.atomic
def minutes_correct(*, actor: User, minutes: Minutes, reason: str) -> Minutes:
    """Open a correction of approved minutes: a new draft version, a copy of ``minutes``,
    with its reason. The approved version stays as it is."""
    current = _lock_minutes(minutes)
    if not current.is_locked:
        raise ApplicationError(_("Taslak tutanak düzeltme sürümü açılmadan düzenlenebilir."))
    reason = reason.strip()
    if len(reason) < 5:
        raise ApplicationError(_("Düzeltmenin nedenini yazın."))
    versions = unscoped_manager(Minutes, reason="the versions of the minutes' meeting")
    if (
        versions.filter(meeting_id=current.meeting_id)
        .exclude(status__in=[MinutesStatus.APPROVED, MinutesStatus.PUBLISHED])
        .exists()
    ):
        raise ApplicationError(_("Bu tutanağın açık bir düzeltme sürümü zaten var."))
    number = (
        versions.filter(meeting_id=current.meeting_id).aggregate(n=Max("number"))["n"] or 0
    ) + 1
    return model_create(
        model=Minutes,
        data={
            "meeting": current.meeting,
            "office_id": current.office_id,
            "number": number,
            "opening": current.opening,
            "discussion": current.discussion,
            "closing": current.closing,
            "correction_reason": reason,
            "corrects": current,
        },
        actor=actor,
        action="boards.minutes.correction_opened",
    )


# --- personal data -----------------------------------------------------------


@transaction.atomic
def person_erase(*, actor: User, email: str) -> int:
    """Blank a person's data in seats, invitations and their comments (rows and counts
    kept; every earlier link stops working). Runs in the active office scope."""
    now = timezone.now()
    changed = 0
    for seat in Membership.objects.filter(email=email, erased_at__isnull=True):
        seat.full_name, seat.job_title, seat.email, seat.person = "", "", "", None
        seat.erased_at = now
        seat.save(update_fields=["full_name", "job_title", "email", "person", "erased_at"])
        changed += 1
    for inv in Invitation.objects.filter(email=email, erased_at__isnull=True):
        inv.full_name = _("(silindi)")
        inv.email = ""
        inv.rsvp_note = ""
        inv.token_nonce = new_nonce()
        inv.erased_at = now
        inv.refresh_derived()
        inv.save(
            update_fields=[
                "full_name",
                "email",
                "rsvp_note",
                "token_nonce",
                "erased_at",
                "name_search",
            ]
        )
        changed += 1
        changed += (
            unscoped_manager(MinutesComment, reason="the comments of an invitation being erased")
            .filter(invitation=inv)
            .update(text=_("(silindi)"))
        )
    if changed:
        audit_log(actor=actor, action="boards.person.erased", data={"records": changed})
    return changed
