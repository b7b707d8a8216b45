"""Views of the youth opportunities: ``public`` (the finder, an opportunity's page, saved
searches and alerts, a Eurodesk question), ``feeds`` (RSS and iCalendar of deadlines) and
``panel`` (the Eurodesk point's records)."""
