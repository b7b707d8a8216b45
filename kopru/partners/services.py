"""Every write of the partner search: posts, answers, thread messages, erasure."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kopru.core.audit import audit_log
from kopru.core.errors import ApplicationError
from kopru.core.scoping import unscoped_manager
from kopru.core.services import model_create, model_update
from kopru.core.text import normalise_email
from kopru.core.validation import check_email
from kopru.organisations.models import Organisation, OrganisationType

from . import emails
from .countries import COUNTRIES, OTHER
from .models import (
    Answer,
    AnswerMessage,
    PartnerSearch,
    PostStatus,
    Side,
    new_token_nonce,
)
from .permissions import is_staff_of, member_organisation_id

if TYPE_CHECKING:
    from kopru.accounts.models import User
    from kopru.offices.models import Office

MAX_EXPIRY_DAYS = 366
MAX_MESSAGE = 5000
MIN_MESSAGE = 10


# --- posts ------------------------------------------------------------------


def check_post_data(
    data: dict[str, Any], *, previous_expiry: dt.date | None = None
) -> dict[str, str]:
    """Field errors of a post's content (``{}`` when it is acceptable).

    ``previous_expiry``: the date the post had, when it is edited; keeping an
    expired date unchanged is allowed (the post simply stays expired).
    """
    errors: dict[str, str] = {}
    if not (str(data.get("title_tr") or "").strip() or str(data.get("title_en") or "").strip()):
        errors["title_tr"] = _("Türkçe ya da İngilizce bir başlık yazın.")
    if not (
        str(data.get("description_tr") or "").strip()
        or str(data.get("description_en") or "").strip()
    ):
        errors["description_tr"] = _("Türkçe ya da İngilizce bir açıklama yazın.")
    expires = data.get("expires_on")
    today = timezone.localdate()
    if not isinstance(expires, dt.date):
        errors["expires_on"] = _("Son geçerlilik tarihini girin.")
    elif expires != previous_expiry:
        if expires < today:
            errors["expires_on"] = _("Son geçerlilik tarihi bugünden önce olamaz.")
        elif expires > today + dt.timedelta(days=MAX_EXPIRY_DAYS):
            errors["expires_on"] = _("Bir ilan en çok bir yıl için yayımlanabilir.")
    bad = [c for c in data.get("countries") or [] if c not in COUNTRIES]
    if bad:
        errors["countries"] = _("Bilinmeyen ülke kodu: {codes}.").format(codes=", ".join(bad))
    types = set(OrganisationType.values)
    if any(t not in types for t in data.get("organisation_types") or []):
        errors["organisation_types"] = _("Bilinmeyen kurum türü.")
    return errors


def _raise_if(errors: dict[str, str]) -> None:
    if errors:
        raise ApplicationError(" ".join(errors.values()), extra={"fields": errors})


#: Rows of the thread of an answer the caller holds (fetched through its scope, or named by
#: the signed private link the responder opened).
THREAD = "the thread of the answer given"


def _user(actor: User | None) -> User | None:
    return actor if getattr(actor, "is_authenticated", False) else None


def post_create(
    *, office: Office, organisation: Organisation, data: dict[str, Any], actor: User
) -> PartnerSearch:
    if organisation.office_id != office.pk:
        raise ApplicationError(_("Kurum bu ofise ait değil."))
    _raise_if(check_post_data(data))
    return model_create(
        model=PartnerSearch,
        data={
            **data,
            "office": office,
            "organisation": organisation,
            "status": PostStatus.OPEN,
            "created_by": _user(actor),
        },
        actor=actor,
        action="partners.post.created",
    )


def post_update(
    *, post: PartnerSearch, data: dict[str, Any], actor: User, expected_version: int | None
) -> PartnerSearch:
    merged = {
        name: data.get(name, getattr(post, name))
        for name in (
            "title_tr",
            "title_en",
            "description_tr",
            "description_en",
            "expires_on",
            "countries",
            "organisation_types",
        )
    }
    _raise_if(check_post_data(merged, previous_expiry=post.expires_on))
    post, _changes = model_update(
        instance=post,
        data=data,
        actor=actor,
        action="partners.post.updated",
        expected_version=expected_version,
    )
    return post


def post_close(*, post: PartnerSearch, actor: User) -> PartnerSearch:
    """Close a post: it leaves the public list and takes no more answers.

    Closed by the office's staff, it counts as moderation: only staff reopen it.
    """
    if post.status == PostStatus.CLOSED:
        return post
    post, _changes = model_update(
        instance=post,
        data={
            "status": PostStatus.CLOSED,
            "closed_at": timezone.now(),
            "closed_by": _user(actor),
            "closed_by_staff": is_staff_of(actor, post.office),
        },
        actor=actor,
        action="partners.post.closed",
    )
    return post


def posts_close_expired(*, today: dt.date | None = None) -> int:
    """Close every open post past its date, in every office (the scheduler's daily job).

    An expired post already leaves the public list; closing it records when it ended.
    The system closes it (no actor), so it is not moderation: its owner may move the
    date on and reopen it.
    """
    today = today or timezone.localdate()
    posts = unscoped_manager(PartnerSearch, reason="expired partner searches of every office")
    closed = 0
    for post in posts.filter(status=PostStatus.OPEN, expires_on__lt=today):
        with transaction.atomic():
            model_update(
                instance=post,
                data={
                    "status": PostStatus.CLOSED,
                    "closed_at": timezone.now(),
                    "closed_by": None,
                    "closed_by_staff": False,
                },
                actor=None,
                action="partners.post.expired",
            )
        closed += 1
    return closed


def post_reopen(*, post: PartnerSearch, actor: User) -> PartnerSearch:
    if post.status != PostStatus.CLOSED:
        raise ApplicationError(_("İlan zaten açık."))
    if post.expires_on < timezone.localdate():
        raise ApplicationError(
            _("Süresi dolmuş bir ilan yeniden açılamaz; önce son geçerlilik tarihini ileri alın.")
        )
    if post.closed_by_staff and not is_staff_of(actor, post.office):
        raise ApplicationError(_("Bu ilanı ofis kapattı; yeniden açmak için ofisle görüşün."))
    post, _changes = model_update(
        instance=post,
        data={
            "status": PostStatus.OPEN,
            "closed_at": None,
            "closed_by": None,
            "closed_by_staff": False,
        },
        actor=actor,
        action="partners.post.reopened",
    )
    return post


# --- answers and their threads -----------------------------------------------


def _clean_body(body: str) -> str:
    text = (body or "").strip()
    message = ""
    if len(text) < MIN_MESSAGE:
        message = _("İleti en az {n} karakter olmalı.").format(n=MIN_MESSAGE)
    elif len(text) > MAX_MESSAGE:
        message = _("İleti en çok {n} karakter olabilir.").format(n=MAX_MESSAGE)
    _raise_if({"message": message} if message else {})
    return text


def _clean_responder(data: dict[str, Any]) -> dict[str, Any]:
    person = {
        k: " ".join(str(data.get(k) or "").split()) for k in ("responder_name", "organisation_name")
    }
    errors: dict[str, str] = {}
    if not person["responder_name"]:
        errors["responder_name"] = _("Adınızı ve soyadınızı yazın.")
    if not person["organisation_name"]:
        errors["organisation_name"] = _("Kurumunuzun ya da kuruluşunuzun adını yazın.")
    country = str(data.get("country") or "")
    if country not in COUNTRIES and country != OTHER:
        errors["country"] = _("Ülkenizi seçin.")
    try:
        email = check_email(str(data.get("email") or ""))
    except ValidationError as exc:
        errors["email"] = exc.messages[0]
        email = ""
    if not email and "email" not in errors:
        errors["email"] = _("E-posta adresinizi yazın; yanıtları size bununla haber veririz.")
    org_type = str(data.get("organisation_type") or "")
    if org_type and org_type not in OrganisationType.values:
        errors["organisation_type"] = _("Bilinmeyen kurum türü.")
    _raise_if(errors)
    return {**person, "country": country, "email": email, "organisation_type": org_type}


class DuplicateAnswer(ApplicationError):
    """This address has already answered the post; the link is sent to it again."""


def answer_create(
    *,
    post_id: int,
    data: dict[str, Any],
    actor: User | None = None,
    consent_text: str = "",
    language: str = "tr",
) -> Answer:
    """Answer a post: the answer, its first message, and both notifications after commit.

    The poster is told an answer arrived (without the responder's address); the
    responder receives the private link of the thread.
    """
    person = _clean_responder(data)
    body = _clean_body(str(data.get("message") or ""))
    if not consent_text:
        raise ApplicationError(_("Kişisel verilerin işlenmesine onay vermeniz gerekiyor."))
    user = _user(actor)
    key = normalise_email(person["email"])
    existing = (
        unscoped_manager(Answer, reason="the answers of the post given, by address")
        .filter(post_id=post_id, email_key=key, erased_at__isnull=True)
        .select_related("post", "post__office", "post__organisation")
        .first()
    )
    if existing is not None:
        transaction.on_commit(lambda: emails.send_answer_confirmation(existing))
        raise DuplicateAnswer(
            _(
                "Bu ilana bu e-posta adresiyle zaten yanıt verilmiş. Yazışmanın bağlantısını "
                "e-posta adresinize yeniden gönderdik; yazışmayı oradan sürdürebilirsiniz."
            )
        )
    with transaction.atomic():
        post = (
            unscoped_manager(PartnerSearch, reason="the post given, locked")
            .select_for_update()
            .select_related("office", "organisation")
            .get(pk=post_id)
        )
        if not post.accepts_answers:
            raise ApplicationError(_("Bu ilan kapandı ya da süresi doldu; yanıt alınmıyor."))
        own = member_organisation_id(user, post.office) if user else None
        if own is not None and own == post.organisation_id:
            raise ApplicationError(_("Kendi kurumunuzun ilanına yanıt veremezsiniz."))
        now = timezone.now()
        organisation = (
            user.organisation
            if user is not None and getattr(user, "is_institution_member", False)
            else None
        )
        answer = Answer(
            office_id=post.office_id,
            post=post,
            responder_organisation=organisation,
            responder_user=user,
            language=language if language in ("tr", "en") else "tr",
            consent_text=consent_text,
            consent_at=now,
            last_message_at=now,
            last_side=Side.RESPONDER,
            responder_seen_at=now,
            **person,
        )
        answer.refresh_derived()
        answer.save(force_insert=True)
        unscoped_manager(AnswerMessage, reason=THREAD).create(
            office_id=post.office_id,
            answer=answer,
            side=Side.RESPONDER,
            author=user,
            body=body,
            created_at=now,
        )
        # The trail records that an answer came, not who wrote it nor their address.
        audit_log(
            actor=actor if user else "web",
            action="partners.answer.created",
            obj=answer,
            data={"post": post.pk, "language": answer.language},
        )
        transaction.on_commit(lambda: emails.send_answer_received(answer))
        transaction.on_commit(lambda: emails.send_answer_confirmation(answer))
    return answer


def message_post(
    *, answer: Answer, side: str, body: str, actor: User | None = None
) -> AnswerMessage:
    """Add a message to an answer's thread and tell the other side (after commit)."""
    text = _clean_body(body)
    if side not in Side.values:
        raise ApplicationError(_("Bilinmeyen taraf."))
    with transaction.atomic():
        answer = (
            unscoped_manager(Answer, reason=THREAD)
            .select_for_update()
            .select_related("post", "post__office", "post__organisation")
            .get(pk=answer.pk)
        )
        if answer.erased_at is not None:
            raise ApplicationError(
                _("Bu yazışma, yanıt verenin kişisel verileri silindiği için kapatıldı.")
            )
        if answer.post.closed_by_staff:
            raise ApplicationError(_("Bu ilan ofis tarafından kapatıldı; yazışma sürdürülemez."))
        now = timezone.now()
        message = unscoped_manager(AnswerMessage, reason=THREAD).create(
            office_id=answer.office_id,
            answer=answer,
            side=side,
            author=_user(actor),
            body=text,
            created_at=now,
        )
        seen = "poster_seen_at" if side == Side.POSTER else "responder_seen_at"
        unscoped_manager(Answer, reason=THREAD).filter(pk=answer.pk).update(
            last_message_at=now, last_side=side, updated_at=now, **{seen: now}
        )
        answer.last_message_at, answer.last_side = now, side
        setattr(answer, seen, now)
        audit_log(
            actor=actor if _user(actor) else "responder",
            action="partners.message.posted",
            obj=answer,
            data={"side": side, "message": message.pk},
        )
        if side == Side.POSTER:
            transaction.on_commit(lambda: emails.send_reply_to_responder(answer))
        else:
            transaction.on_commit(lambda: emails.send_reply_to_poster(answer, exclude=_user(actor)))
    return message


def answer_link_renew(*, answer: Answer, actor: User) -> Answer:
    """Revoke the responder's private link (a new nonce) and send them the new one."""
    if answer.erased_at is not None or not answer.email:
        raise ApplicationError(_("Bu yanıtın e-posta adresi yok; bağlantı gönderilemez."))
    with transaction.atomic():
        answers = unscoped_manager(Answer, reason=THREAD)
        answers.filter(pk=answer.pk).update(token_nonce=new_token_nonce())
        answer = answers.select_related("post", "post__office", "post__organisation").get(
            pk=answer.pk
        )
        audit_log(actor=actor, action="partners.answer.link_renewed", obj=answer)
        transaction.on_commit(lambda: emails.send_link_renewed(answer))
    return answer


def answer_mark_seen(*, answer: Answer, side: str) -> None:
    """Remember that one side has read the thread (not a change of content: not audited)."""
    field = "poster_seen_at" if side == Side.POSTER else "responder_seen_at"
    now = timezone.now()
    unscoped_manager(Answer, reason=THREAD).filter(pk=answer.pk).update(**{field: now})
    setattr(answer, field, now)


# --- personal data ------------------------------------------------------------


def answers_erase(*, email: str, actor: User) -> int:
    """Anonymise the answers held under ``email`` in the active scope.

    Each answer keeps its post, date, country, organisation type and its messages
    (as empty rows), so counts do not change; the name, address, consent text and
    every message body are blanked and the private link stops working.
    """
    key = normalise_email(email)
    if not key:
        return 0
    with transaction.atomic():
        answers = list(Answer.objects.filter(email_key=key, erased_at__isnull=True))
        now = timezone.now()
        for answer in answers:
            answer.responder_name = answer.email = answer.email_key = ""
            answer.consent_text = ""
            if answer.responder_organisation_id is None:
                answer.organisation_name = ""
            answer.responder_user = None
            answer.token_nonce = new_token_nonce()
            answer.erased_at = now
            answer.save()
            unscoped_manager(AnswerMessage, reason=THREAD).filter(answer=answer).update(body="")
            audit_log(
                actor=actor,
                action="partners.answer.erased",
                obj=answer,
                data={"post": answer.post_id},
            )
    return len(answers)
