"""Pages of the guidance desk: ``public`` (the request form and the requester's private
page), ``panel`` (the staff's desk: overview, lists, quick log, a case's page and its
actions) and ``member`` (an institution member's own requests)."""
