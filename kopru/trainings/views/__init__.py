"""Pages of the trainings app: ``public`` (events, registration, cancellation, feedback,
certificate verification), and the panel's ``panel`` (events, sessions, materials,
registrations, statistics, history import), ``checkin``, ``certificates`` and ``people``
(personal data)."""

from .public import home_section_context

__all__ = ["home_section_context"]  # the office home page's block (``apps.py``)
