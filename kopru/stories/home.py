"""What the stories add to other pages: the office home's block, the project page's
block (a :class:`~kopru.core.registry.RecordSection`) and the panel figures."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from . import selectors
from .models import Story, StoryStatus


def home_context(request: Any, office: Any) -> dict[str, Any]:
    stories = list(selectors.public_stories().only(*selectors.LIST_FIELDS)[:3])
    return {"stories": stories}


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
