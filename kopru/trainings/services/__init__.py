"""Every write of the trainings app, by topic: ``events`` (events, sessions, materials),
``registrations`` (sign-ups, waiting list, attendance, feedback), ``certificates`` and
``people`` (a person's export and erasure). Import from here:
``services.registration_create(...)``."""

from .certificates import (
    certificate_issue,
    certificate_reissue,
    certificate_revoke,
    certificates_issue_for_event,
)
from .events import (
    MATERIAL_TYPES,
    MAX_MATERIAL_BYTES,
    event_cancel,
    event_create,
    event_set_registration_closed,
    event_update,
    material_check,
    material_create,
    material_delete,
    session_create,
    session_delete,
)
from .people import person_erase, person_export
from .registrations import (
    DuplicateRegistration,
    attendance_record,
    attendance_remove,
    feedback_request,
    feedback_submit,
    registration_cancel,
    registration_create,
    waiting_promote,
    walk_in_register,
)

__all__ = [
    "MATERIAL_TYPES",
    "MAX_MATERIAL_BYTES",
    "DuplicateRegistration",
    "attendance_record",
    "attendance_remove",
    "certificate_issue",
    "certificate_reissue",
    "certificate_revoke",
    "certificates_issue_for_event",
    "event_cancel",
    "event_create",
    "event_set_registration_closed",
    "event_update",
    "feedback_request",
    "feedback_submit",
    "material_check",
    "material_create",
    "material_delete",
    "person_erase",
    "person_export",
    "registration_cancel",
    "registration_create",
    "session_create",
    "session_delete",
    "waiting_promote",
    "walk_in_register",
]
