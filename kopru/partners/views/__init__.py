"""Pages of the partner search: ``public`` (catalogue, a post and its answer form, the
responder's private thread), ``shared`` (the pages the kurum area and the panel share),
``panel`` (renewing a responder's link) and ``member`` (the answers a member's
organisation sent)."""

from .public import home_section_context

__all__ = ["home_section_context"]  # the office home page's block (``apps.py``)
