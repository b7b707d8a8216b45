"""Every write of the stories: drafting from projects, editing, quotes, publishing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kopru.core import images
from kopru.core.audit import audit_log
from kopru.core.errors import ApplicationError
from kopru.core.scoping import unscoped_manager
from kopru.core.services import model_create, model_update
from kopru.projects.models import Project

from .models import Label, Quote, Story, StoryPhoto, StoryStatus
from .selectors import FINISHED_STAGES, project_facts

if TYPE_CHECKING:
    from kopru.accounts.models import User
    from kopru.offices.models import Office

EDITABLE_FIELDS = (
    "label",
    "title_tr",
    "title_en",
    "summary_tr",
    "summary_en",
    "narrative_tr",
    "narrative_en",
    "replication_partners",
)


def _check_projects(office: Office, projects: list[Project]) -> None:
    if not projects:
        raise ApplicationError(_("Hikâye en az bir projeye bağlı olmalıdır."))
    if any(p.office_id != office.pk for p in projects):
        raise ApplicationError(_("Yalnız ofisinizin projeleri seçilebilir."))


def _suggested_partners(facts: dict[str, Any]) -> str:
    return "\n".join(
        f"{x['name']} ({x['country']})" if x.get("country") else x["name"]
        for x in facts.get("partners", [])
    )


@transaction.atomic
def story_draft(*, office: Office, projects: list[Project], label: str, actor: User) -> Story:
    """A draft told from ``projects``: their facts, the title and summary to start from."""
    _check_projects(office, projects)
    if label not in Label.values:
        raise ApplicationError(_("Geçersiz etiket."))
    facts = project_facts(projects)
    first = projects[0]
    story = model_create(
        model=Story,
        data={
            "office": office,
            "label": label,
            "title_tr": first.title_tr,
            "title_en": first.title_en,
            "summary_tr": first.summary_tr[:600],
            "summary_en": first.summary_en[:600],
            "narrative_tr": first.results_tr,
            "narrative_en": first.results_en,
            "replication_partners": _suggested_partners(facts)
            if label == Label.MULTI_ACTOR_PILOT
            else "",
            "facts": facts,
            "facts_at": timezone.now(),
            "created_by": actor,
        },
        actor=actor,
    )
    story.projects.set(projects)
    return story


def story_update(
    *, story: Story, data: dict[str, Any], actor: User, expected_version: int | None
) -> Story:
    data = {k: v for k, v in data.items() if k in EDITABLE_FIELDS}
    if story.is_published:
        problems = _publish_problems(story, {**_values(story), **data})
        if problems:
            raise ApplicationError(" ".join(problems))
    story, _changes = model_update(
        instance=story, data=data, actor=actor, expected_version=expected_version
    )
    return story


def _values(story: Story) -> dict[str, Any]:
    return {k: getattr(story, k) for k in EDITABLE_FIELDS}


@transaction.atomic
def story_set_projects(*, story: Story, projects: list[Project], actor: User) -> Story:
    """Link the story to other projects and draft its facts from them again."""
    _check_projects(story.office, projects)
    before = sorted(story.projects.values_list("pk", flat=True))
    story.projects.set(projects)
    audit_log(
        actor=actor,
        action="stories.story.projects_changed",
        obj=story,
        changes={"projects": (before, sorted(p.pk for p in projects))},
    )
    return story_refresh_facts(story=story, actor=actor)


@transaction.atomic
def story_refresh_facts(*, story: Story, actor: User) -> Story:
    """Draft the facts again from the projects as they are now."""
    row = unscoped_manager(Story, reason="the story given, locked").select_for_update()
    story = row.get(pk=story.pk)
    projects = list(story.projects.order_by("pk"))
    story.facts = project_facts(projects)
    story.facts_at = timezone.now()
    fields = ["facts", "facts_at", *story.refresh_derived()]
    story.save(update_fields=fields)
    audit_log(actor=actor, action="stories.story.facts_refreshed", obj=story)
    return story


def _publish_problems(story: Story, values: dict[str, Any]) -> list[str]:
    problems = []
    if not (values["title_tr"] or values["title_en"]).strip():
        problems.append(_("Bir başlık yazın."))
    if not (values["narrative_tr"] or values["narrative_en"]).strip():
        problems.append(_("Hikâyeyi yazın (Türkçe ya da İngilizce)."))
    if values["label"] == Label.SUCCESS_STORY and not story.facts.get("all_finished"):
        problems.append(
            _("“Başarı hikâyesi” etiketi yalnız tamamlanmış projeler için kullanılabilir.")
        )
    if values["label"] == Label.MULTI_ACTOR_PILOT and not values["replication_partners"].strip():
        problems.append(
            _("Çok aktörlü pilot için yeni bir kurumun birlikte çalışabileceği ortakları yazın.")
        )
    return problems


@transaction.atomic
def story_publish(*, story: Story, actor: User) -> Story:
    story = story_refresh_facts(story=story, actor=actor)
    if story.label == Label.SUCCESS_STORY and not all(
        p.stage in FINISHED_STAGES for p in story.projects.all()
    ):
        raise ApplicationError(
            _("“Başarı hikâyesi” etiketi yalnız tamamlanmış projeler için kullanılabilir.")
        )
    problems = _publish_problems(story, _values(story))
    if problems:
        raise ApplicationError(" ".join(problems))
    images.images_check_publishable(story_images(story))
    before = story.status
    story.status = StoryStatus.PUBLISHED
    story.published_at = story.published_at or timezone.now()
    story.save(update_fields=["status", "published_at"])
    audit_log(
        actor=actor,
        action="stories.story.published",
        obj=story,
        changes={"status": (before, story.status)},
    )
    return story


@transaction.atomic
def story_archive(*, story: Story, actor: User) -> Story:
    if story.status == StoryStatus.ARCHIVED:
        return story
    before = story.status
    story.status = StoryStatus.ARCHIVED
    story.save(update_fields=["status"])
    audit_log(
        actor=actor,
        action="stories.story.archived",
        obj=story,
        changes={"status": (before, story.status)},
    )
    return story


@transaction.atomic
def story_unpublish(*, story: Story, actor: User) -> Story:
    """Back to draft (to rework it); the publication date is kept for the record."""
    before = story.status
    story.status = StoryStatus.DRAFT
    story.save(update_fields=["status"])
    audit_log(
        actor=actor,
        action="stories.story.unpublished",
        obj=story,
        changes={"status": (before, story.status)},
    )
    return story


@transaction.atomic
def quote_add(*, story: Story, data: dict[str, Any], consent: bool, actor: User) -> Quote:
    """A quote is recorded only with the speaker's consent and how it was obtained."""
    if not consent or not str(data.get("consent_note", "")).strip():
        raise ApplicationError(
            _("Alıntı, konuşanın rızası ve rızanın nasıl alındığı yazılmadan eklenemez.")
        )
    if not (str(data.get("text_tr", "")).strip() or str(data.get("text_en", "")).strip()):
        raise ApplicationError(_("Alıntının metnini yazın."))
    position = Quote.objects.filter(story=story).count()
    return model_create(
        model=Quote,
        data={
            "office": story.office,
            "story": story,
            "text_tr": data.get("text_tr", ""),
            "text_en": data.get("text_en", ""),
            "speaker_name": data["speaker_name"],
            "speaker_role": data.get("speaker_role", ""),
            "consent_note": data["consent_note"],
            "consent_at": timezone.now(),
            "position": position,
        },
        actor=actor,
    )


@transaction.atomic
def quote_remove(*, quote: Quote, actor: User) -> None:
    audit_log(
        actor=actor,
        action="stories.quote.removed",
        obj=quote.story,
        data={"speaker": quote.speaker_name},
    )
    unscoped_manager(Quote, reason="the quote given").filter(pk=quote.pk).delete()


def story_images(story: Story) -> list[Any]:
    photos = StoryPhoto.objects.filter(story=story).select_related("image")
    return [p.image for p in photos]


@transaction.atomic
def story_photo_add(*, story: Story, upload: dict[str, Any], actor: User) -> StoryPhoto:
    """A photo for the story through :func:`kopru.core.images.image_upload` (checked by
    content, processed in the background; with people, consent is required to publish)."""
    image = images.image_upload(actor=actor, office=story.office, **upload)
    position = StoryPhoto.objects.filter(story=story).count()
    photo = StoryPhoto.objects.create(
        office=story.office, story=story, image=image, position=position
    )
    audit_log(actor=actor, action="stories.story.photo_added", obj=story, data={"image": image.pk})
    return photo


@transaction.atomic
def story_photo_remove(*, photo: StoryPhoto, actor: User) -> None:
    story, image = photo.story, photo.image
    unscoped_manager(StoryPhoto, reason="the photo given").filter(pk=photo.pk).delete()
    audit_log(
        actor=actor, action="stories.story.photo_removed", obj=story, data={"image": image.pk}
    )
    images.image_delete(actor=actor, image=image)
