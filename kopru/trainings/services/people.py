"""A person's data across their registrations: the audited export and the erasure."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kopru.core.audit import audit_log, scrub_history
from kopru.core.errors import ApplicationError
from kopru.core.scoping import unscoped_manager

from ..models import Certificate, Feedback, Registration
from ..selectors import person_registrations

if TYPE_CHECKING:
    from kopru.accounts.models import User

HELD = "the certificates and feedback of the person's registrations read above"


def person_export(*, person_key: str, actor: User) -> dict[str, Any]:
    """Everything held on one person (their registrations), for a KVKK access request;
    the export itself is recorded in the audit trail."""
    regs = list(person_registrations(person_key)) if person_key else []
    data: dict[str, Any] = {"person": person_key, "registrations": []}
    for reg in regs:
        data["registrations"].append(
            {
                "event": reg.event.title_tr,
                "event_date": reg.event.starts_on,
                "full_name": reg.full_name,
                "email": reg.email,
                "phone": reg.phone,
                "organisation": reg.organisation_name,
                "organisation_type": reg.organisation_type,
                "district": reg.district.name if reg.district else "",
                "age_group": reg.age_group,
                "priority_group": reg.priority_group,
                "status": reg.status,
                "source": reg.source,
                "registered_at": reg.created_at,
                "consent_text": reg.consent_text,
                "consent_at": reg.consent_at,
                "attended_sessions": [a.session.starts_at for a in reg.attendances.all()],
                "certificates": [
                    {"code": c.code, "issued_at": c.issued_at, "revoked_at": c.revoked_at}
                    for c in reg.certificates.all()
                ],
            }
        )
    if regs:
        audit_log(
            actor=actor,
            action="trainings.person.exported",
            office=regs[0].office_id,
            data={"registrations": [r.pk for r in regs]},
        )
    return data


#: What a registration says about the person (scrubbed from its audit entries on erasure).
PERSONAL_FIELDS = (
    "full_name",
    "email",
    "phone",
    "organisation_name",
    "consent_text",
    "email_key",
    "name_search",
    "person_key",
)


def person_erase(*, person_key: str, actor: User) -> int:
    """Erase one person's data; their participations stay as anonymous counts.

    Every registration keeps its event, organisation type, district, age group,
    priority flag and attendance, and gets one random identity shared by all of
    the person's registrations, so unique-people counts do not change.
    """
    if not person_key:
        raise ApplicationError(_("Kişi bulunamadı."))
    anonymous = f"x:{secrets.token_hex(8)}"
    with transaction.atomic():
        regs = list(Registration.objects.filter(person_key=person_key))
        if not regs:
            raise ApplicationError(_("Kişi bulunamadı."))
        now = timezone.now()
        for reg in regs:
            for cert in (
                unscoped_manager(Certificate, reason=HELD).filter(registration=reg).exclude(pdf="")
            ):
                cert.pdf.delete(save=False)  # the PDF carries the name: remove the file
            unscoped_manager(Certificate, reason=HELD).filter(registration=reg).update(
                holder_name="—", pdf=""
            )
            unscoped_manager(Feedback, reason=HELD).filter(registration=reg).update(comment="")
            reg.full_name = reg.email = reg.phone = reg.organisation_name = ""
            reg.consent_text = ""
            reg.email_key = reg.name_search = ""
            reg.person_key = anonymous
            reg.source_id = Registration.erased_source_id(reg.source_id)
            reg.erased_at = now
            reg.save()
        scrub_history(Registration, [r.pk for r in regs], PERSONAL_FIELDS)
        audit_log(
            actor=actor,
            action="trainings.person.erased",
            office=regs[0].office_id,
            data={"registrations": [r.pk for r in regs]},
        )
    return len(regs)
