"""Views of the stories: ``panel`` (the expert writes, publishes; story candidates) and
``public`` (the listing with facets, a story's page)."""
