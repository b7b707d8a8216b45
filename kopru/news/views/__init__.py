"""News pages: ``public`` (listing, item, photos, attachments, feeds) and ``panel``
(writing, the publication cycle, photos with consent, attachments)."""
