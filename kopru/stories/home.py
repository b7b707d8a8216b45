"""What the stories add to other pages: the office home's block, the project page's
block (a :class:`~kopru.core.registry.RecordSection`) and the panel figures."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from kopru.core.i18n import localized
from kopru.core.scoping import public_scope

from . import selectors
from .models import Story, StoryStatus

HOME_COUNT = 3


def home_context(request: Any, office: Any) -> dict[str, Any]:
    """The stories the staff featured (in their order, while published), then the newest."""
    qs = selectors.public_stories().only(*selectors.LIST_FIELDS)
    chosen = office.home_featured("stories")[:HOME_COUNT]
    by_pk = {s.pk: s for s in qs.filter(pk__in=chosen)} if chosen else {}
    stories = [by_pk[pk] for pk in chosen if pk in by_pk]
    stories += list(qs.exclude(pk__in=list(by_pk))[: HOME_COUNT - len(stories)])
    return {"stories": stories}


def home_candidates(office: Any) -> list[tuple[int, str]]:
    """The published stories the staff may feature on the home."""
    with public_scope(office):
        return [
            (s.pk, localized(s, "title")) for s in selectors.public_stories().only(*LIST_TITLE)[:60]
        ]


LIST_TITLE = ("id", "office_id", "title_tr", "title_en")


def project_section(request: Any, project: Any) -> dict[str, Any] | None:
    stories = selectors.stories_of_project(project)
    return {"stories": stories} if stories else None


def panel_figures(office: Any) -> list[tuple[Any, Any]]:
    return [
        (
            _("Yayımlanan hikâye"),
            Story.objects.filter(status=StoryStatus.PUBLISHED).count(),
        ),
        (_("Hikâye adayı proje"), len(selectors.story_candidates())),
    ]
