"""Views of public consultations.

``public.py``: the list, a consultation's page, a section's page with its contributions
and the contribution form, the contributor's private link, the report PDF.
``panel.py``: the office's pages (consultation and sections, moderation, answers, report).
"""
