"""Success stories and good practices, told from the projects of the inventory.

A story is drafted from its projects (:func:`kopru.stories.selectors.project_facts`):
funder and programme, grant, partners and countries, districts, dates, target groups
(the offices' priority groups flagged) and the logical framework's indicators with
baseline, actual and target. Those facts are kept on the story as it was drafted
(``facts``) and refreshed by the expert on request; the narrative, the quotes (with
the speaker's consent) and the photos are the expert's.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kopru.core.models import OfficeOwned, TimeStamped, Versioned
from kopru.core.text import search_key, sort_key


class Label(models.TextChoices):
    """As the Erasmus+ Project Results Platform uses them, plus the offices' own."""

    GOOD_PRACTICE = "good_practice", _("İyi uygulama")
    SUCCESS_STORY = "success_story", _("Başarı hikâyesi")
    MULTI_ACTOR_PILOT = "multi_actor_pilot", _("Yaygınlaştırılacak çok aktörlü pilot")


LABEL_HELP: dict[str, Any] = {
    Label.GOOD_PRACTICE: _("İyi yönetilmiş, ilham veren bir proje."),
    Label.SUCCESS_STORY: _(
        "Etkisi, politika katkısı ya da yenilikçi sonuçlarıyla öne çıkan, tamamlanmış bir proje."
    ),
    Label.MULTI_ACTOR_PILOT: _(
        "Başka kurumların tekrarlayabileceği, birden çok aktörün birlikte yürüttüğü bir pilot."
    ),
}


class Funder(models.TextChoices):
    """Who funds a programme; a story's facts store the code (``facts["funders"]``) and
    the pages show the label in their own language."""

    EU_PRE_ACCESSION = "eu_pre_accession", _("Avrupa Birliği (katılım öncesi mali yardım)")
    EU = "eu", _("Avrupa Birliği")
    DEVELOPMENT_AGENCY = "development_agency", _("Kalkınma ajansı")


class StoryStatus(models.TextChoices):
    DRAFT = "draft", _("Taslak")
    PUBLISHED = "published", _("Yayımlandı")
    ARCHIVED = "archived", _("Arşivlendi")


class Story(OfficeOwned, TimeStamped, Versioned):
    label = models.CharField(_("etiket"), max_length=20, choices=Label.choices)
    status = models.CharField(
        _("durum"), max_length=10, choices=StoryStatus.choices, default=StoryStatus.DRAFT
    )
    title_tr = models.CharField(_("başlık (Türkçe)"), max_length=300, blank=True)
    title_en = models.CharField(_("başlık (İngilizce)"), max_length=300, blank=True)
    summary_tr = models.TextField(_("kısa özet (Türkçe)"), max_length=600, blank=True)
    summary_en = models.TextField(_("kısa özet (İngilizce)"), max_length=600, blank=True)
    narrative_tr = models.TextField(_("hikâye (Türkçe)"), blank=True)
    narrative_en = models.TextField(_("hikâye (İngilizce)"), blank=True)
    replication_partners = models.TextField(
        _("birlikte çalışılabilecek ortaklar"),
        blank=True,
        help_text=_(
            "Çok aktörlü pilotu tekrarlamak isteyen bir kurumun birlikte çalışabileceği "
            "ortaklar; her satıra bir kurum."
        ),
    )
    projects = models.ManyToManyField(
        "projects.Project", related_name="+", verbose_name=_("projeler")
    )
    # The projects' facts as drafted (see the module's docstring).
    facts = models.JSONField(_("proje bilgileri"), default=dict, blank=True, editable=False)
    facts_at = models.DateTimeField(_("proje bilgileri tarihi"), null=True, blank=True)
    published_at = models.DateTimeField(_("yayımlanma"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("yazan"),
    )
    is_demo = models.BooleanField(default=False, editable=False)
    # Derived (refresh_derived): sort key, search text and the facet columns.
    title_sort = models.CharField(max_length=600, editable=False, default="")
    search_document = models.TextField(editable=False, default="")
    programme = models.CharField(_("fon programı"), max_length=200, blank=True, editable=False)
    year = models.PositiveSmallIntegerField(_("yıl"), null=True, blank=True, editable=False)
    # " s:education d:123 g:youth " (filtered with contains, as the projects' tags).
    tags = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("hikâye")
        verbose_name_plural = _("hikâyeler")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(
                fields=["office", "published_at"],
                condition=models.Q(status="published"),
                name="stories_published",
            ),
            models.Index(fields=["office", "status"], name="stories_office_status"),
        ]

    def __str__(self) -> str:
        return self.title_tr or self.title_en

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(status=StoryStatus.PUBLISHED)

    @property
    def is_published(self) -> bool:
        return self.status == StoryStatus.PUBLISHED

    @property
    def label_help(self) -> str:
        return str(LABEL_HELP.get(self.label, ""))

    def replication_partner_list(self) -> list[str]:
        return [line.strip() for line in self.replication_partners.splitlines() if line.strip()]

    def refresh_derived(self) -> list[str]:
        facts: dict[str, Any] = self.facts or {}
        self.title_sort = sort_key(self.title_tr or self.title_en)[:600]
        self.search_document = search_key(
            " ".join(
                [
                    self.title_tr,
                    self.title_en,
                    self.summary_tr,
                    self.summary_en,
                    self.narrative_tr,
                    self.narrative_en,
                    " ".join(p.get("title", "") for p in facts.get("projects", [])),
                ]
            )
        )
        self.programme = (facts.get("programmes") or [""])[0][:200]
        self.year = facts.get("year")
        parts = [f"s:{s}" for s in facts.get("sectors", [])]
        parts += [f"d:{d['id']}" for d in facts.get("districts", [])]
        parts += [f"g:{g}" for g in facts.get("priority_groups", [])]
        self.tags = f" {' '.join(parts)} " if parts else ""
        return ["title_sort", "search_document", "programme", "year", "tags"]


class Quote(OfficeOwned, TimeStamped):
    """Someone's words in a story; shown only with their consent recorded."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="+")
    text_tr = models.TextField(_("alıntı (Türkçe)"), blank=True)
    text_en = models.TextField(_("alıntı (İngilizce)"), blank=True)
    speaker_name = models.CharField(_("konuşan"), max_length=200)
    speaker_role = models.CharField(_("görevi / kim olduğu"), max_length=200, blank=True)
    consent_note = models.CharField(
        _("rızanın nasıl alındığı"),
        max_length=300,
        help_text=_("Örneğin: 12 Mart 2025 tarihli imzalı muvafakatname, proje dosyasında."),
    )
    consent_at = models.DateTimeField(_("rıza kaydı"))
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("alıntı")
        verbose_name_plural = _("alıntılar")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.speaker_name

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(story__status=StoryStatus.PUBLISHED)


class StoryPhoto(OfficeOwned):
    """A photo of a story (a :class:`~kopru.core.models.StoredImage`: checked, stripped,
    sized; with people, shown only once their consent is recorded)."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="+")
    image = models.ForeignKey("core.StoredImage", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("hikâye fotoğrafı")
        verbose_name_plural = _("hikâye fotoğrafları")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return str(self.image_id)

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(story__status=StoryStatus.PUBLISHED)
