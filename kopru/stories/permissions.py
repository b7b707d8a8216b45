"""Who may do what with stories: the office's staff write and publish them; the public
reads published ones. The access helpers fetch and authorise in one step (404 alike for
a missing record and a forbidden one)."""

from __future__ import annotations

from typing import Any, Literal

from kopru.accounts.permissions import can_work_in_office
from kopru.core.access import fetch_and_authorise, get_or_404_scoped

from .models import Quote, Story, StoryPhoto


def can_write_stories(user: Any, office: Any) -> bool:
    """The office's coordinator and experts (and national admins)."""
    return can_work_in_office(user, office)


def can_edit_story(user: Any, story: Story) -> bool:
    return can_work_in_office(user, story.office)


STORY_RULES = {"view": can_edit_story, "edit": can_edit_story, "publish": can_edit_story}


def access_story(user: Any, pk: int, *, for_: Literal["view", "edit", "publish"] = "view") -> Story:
    source = Story.objects.select_related("office")
    return fetch_and_authorise(source, pk, user=user, rule=STORY_RULES[for_], what="story")


def access_quote(user: Any, pk: int, *, story: Story) -> Quote:
    return get_or_404_scoped(Quote, pk=pk, story=story)


def access_photo(user: Any, pk: int, *, story: Story | None = None) -> StoryPhoto:
    """A story's photo (within ``story`` when given), for whoever may edit its story."""
    lookup = {"story": story} if story is not None else {}
    source = StoryPhoto.objects.select_related("image", "story__office")
    return fetch_and_authorise(
        source, pk, user=user, rule=lambda u, p: can_edit_story(u, p.story), what="photo", **lookup
    )
