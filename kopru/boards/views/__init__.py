"""Views of boards: ``panel`` (the office as secretariat: bodies, meetings, agenda,
documents, invitations, check-in, minutes), ``public`` (public bodies' pages, published
minutes, the meetings calendar, and an invitee's page reached by their signed link)."""
