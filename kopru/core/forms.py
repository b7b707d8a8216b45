"""Form helpers: Bootstrap classes, accessible errors, and the version field."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .images import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, check_image_upload
from .text import search_key
from .vocabularies import THESAURUS, Sector, TargetGroup


@dataclass(frozen=True)
class FormSection:
    """A part of a long form: ``slug`` (its anchor), a heading, and the fields it holds.

    A form declares them in order as ``sections = (FormSection("basics", _("Temel
    bilgiler"), ("title_tr", ...)), ...)``; ``includes/form.html`` then draws a short table
    of contents (a labelled ``nav`` whose links move focus to the section) and one titled
    group per section. Fields a form drops at run time are skipped; fields no section names
    come last under "Diğer bilgiler".
    """

    slug: str
    label: Any
    fields: tuple[str, ...]


@dataclass
class BoundSection:
    slug: str
    label: Any
    fields: list[Any]

    @property
    def has_errors(self) -> bool:
        return any(f.errors for f in self.fields)


class BootstrapFormMixin:
    """Bootstrap classes on every widget; multi-selects become checkbox lists.

    Help text and errors are tied to their fields by Django itself (``aria-describedby``
    naming ``id_<field>_helptext`` and ``id_<field>_error``, ``aria-invalid``), and
    ``includes/form.html`` renders exactly those ids. A Ctrl-click ``<select multiple>`` is
    replaced by a checkbox list (long lists get a filter box from ``kopru.js``).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(widget, forms.SelectMultiple) and not isinstance(
                widget, forms.CheckboxSelectMultiple
            ):
                checkboxes = forms.CheckboxSelectMultiple(
                    attrs={k: v for k, v in widget.attrs.items() if k not in ("size", "class")}
                )
                checkboxes.choices = widget.choices
                checkboxes.is_required = widget.is_required
                field.widget = widget = checkboxes
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                continue
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    sections: tuple[FormSection, ...] = ()

    def form_sections(self) -> list[BoundSection]:
        """The declared sections with their visible bound fields (``[]``: no sections)."""
        if not self.sections:
            return []
        visible = {f.name: f for f in self.visible_fields()}  # type: ignore[attr-defined]
        placed: set[str] = set()
        out = []
        for section in self.sections:
            fields = [visible[n] for n in section.fields if n in visible]
            placed.update(section.fields)
            if fields:
                out.append(BoundSection(f"kp-section-{section.slug}", section.label, fields))
        rest = [f for n, f in visible.items() if n not in placed and n != "kp_website"]
        if rest:
            out.append(BoundSection("kp-section-other", _("Diğer bilgiler"), rest))
        return out

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:  # type: ignore[attr-defined]
                widget = self.fields[name].widget  # type: ignore[attr-defined]
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


class VersionedFormMixin(forms.Form):
    """Carries the version the user started from, for the stale-save check."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and not self.is_bound:
            self.initial["version"] = instance.version

    def clean_version(self) -> int | None:
        """An edit of an existing record must say which version it started from.

        Without the field (a hand-made or truncated POST), the edit is refused like a
        stale one: version 0 never matches, so ``model_update`` raises
        ``ConcurrentEditError`` instead of overwriting a change made meanwhile.
        """
        version = self.cleaned_data.get("version")
        instance = getattr(self, "instance", None)
        if version is None and instance is not None and instance.pk:
            return 0
        return version  # type: ignore[no-any-return]

    def changed_data_dict(self) -> dict[str, Any]:
        """The cleaned values of the model fields of this form (version excluded)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


HONEYPOT_FIELD = "kp_website"


class HoneypotFormMixin(forms.Form):
    """Spam protection that needs no third party: a field people never see nor fill.

    ``includes/form.html`` renders it off-screen and out of the tab order; a
    program that fills every field it finds is refused with a clear message.
    Combine with :func:`kopru.core.ratelimit.rate_limit_hit` in the view.
    """

    kp_website = forms.CharField(
        required=False,
        label=_("Bu alanı boş bırakın"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_kp_website(self) -> str:
        if self.cleaned_data.get(HONEYPOT_FIELD):
            # A non-field error: the field itself is invisible to the person.
            self.add_error(
                None,
                _("Form otomatik bir program tarafından doldurulmuş görünüyor; gönderilmedi."),
            )
        return ""


class LookupSelect(forms.Select):
    """A select for a large table: only the chosen record is rendered as an option.

    A search box beside it asks ``lookup_url`` (with ``?q=``) through htmx for the
    matching ``<option>`` elements. The form field stays an ordinary
    ``ModelChoiceField`` over a scoped queryset, so any submitted id is validated.
    Set ``widget.lookup_url`` in the form's ``__init__`` (it needs the office).
    """

    template_name = "includes/lookup_select.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.lookup_url = ""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["lookup_url"] = self.lookup_url
        return context

    def optgroups(self, name: str, value: Any, attrs: dict[str, Any] | None = None) -> Any:
        chosen = [str(v) for v in value if v not in (None, "")]
        iterator: Any = self.choices
        queryset = getattr(iterator, "queryset", None)
        groups = []
        empty = self.create_option(name, "", "—", not chosen, 0)
        groups.append((None, [empty], 0))
        if queryset is not None and chosen:
            for index, obj in enumerate(queryset.filter(pk__in=chosen)[:10], start=1):
                option = self.create_option(name, str(obj.pk), str(obj), True, index)
                groups.append((None, [option], index))
        return groups


class ImageUploadForm(BootstrapFormMixin, forms.Form):
    """A photo with its alternative text and the people/consent fields (``core.images``).

    The file is checked by content here (clear message on the field); the service
    checks it again. Apps embed it or subclass it for a cover or a gallery photo.
    """

    file = forms.FileField(
        label=_("Fotoğraf"),
        help_text=_("JPEG, PNG ya da WebP."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    alt_tr = forms.CharField(
        label=_("alternatif metin (Türkçe)"),
        max_length=250,
        help_text=_("Görmeyen ziyaretçiye fotoğrafta ne olduğunu anlatan kısa cümle."),
    )
    alt_en = forms.CharField(
        label=_("alternatif metin (İngilizce)"), max_length=250, required=False
    )
    caption_tr = forms.CharField(label=_("alt yazı (Türkçe)"), max_length=300, required=False)
    caption_en = forms.CharField(label=_("alt yazı (İngilizce)"), max_length=300, required=False)
    credit = forms.CharField(label=_("fotoğraf"), max_length=120, required=False)
    has_people = forms.BooleanField(
        label=_("fotoğrafta tanınabilir kişiler var"),
        required=False,
        help_text=_("İşaretliyse kişilerin açık rızası kaydedilmeden yayımlanamaz (KVKK)."),
    )
    people_consent = forms.BooleanField(label=_("kişilerin rızası alındı"), required=False)
    consent_note = forms.CharField(
        label=_("rıza kaydı"),
        max_length=300,
        required=False,
        help_text=_("Rızanın nasıl alındığı ve nerede saklandığı (ör. imzalı form, dosya no)."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext(
            "JPEG, PNG ya da WebP; en çok %(mb)s MB ve %(mp)s megapiksel."
        ) % {"mb": MAX_IMAGE_BYTES // 2**20, "mp": MAX_IMAGE_PIXELS // 1_000_000}

    def clean_file(self) -> Any:
        file = self.cleaned_data["file"]
        check_image_upload(file)
        return file

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("people_consent") and not data.get("has_people"):
            self.add_error(
                "people_consent", _("Rıza yalnızca fotoğrafta kişiler varsa kaydedilir.")
            )
        if data.get("has_people") and data.get("people_consent") and not data.get("consent_note"):
            self.add_error(
                "consent_note",
                _("Kişilerin rızasının nasıl alındığını yazın (ör. imzalı form, dosya numarası)."),
            )
        return data

    def upload_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            k: d[k]
            for k in (
                "file",
                "alt_tr",
                "alt_en",
                "caption_tr",
                "caption_en",
                "credit",
                "has_people",
                "people_consent",
                "consent_note",
            )
        }


def thesaurus_entry_label(kind: str, code: str) -> str:
    """A readable name of a thesaurus entry (the applicant types' labels live higher up)."""
    kinds = {"sector": _("Sektör"), "target": _("Hedef grup"), "applicant": _("Başvuran türü")}
    labels = dict(Sector.choices) if kind == "sector" else dict(TargetGroup.choices)
    label = THESAURUS[kind, code][0][0] if kind == "applicant" else str(labels.get(code, code))
    return f"{kinds.get(kind, kind)}: {label} ({code})"


class ThesaurusWordForm(BootstrapFormMixin, forms.Form):
    entry = forms.ChoiceField(label=_("Kavram"), choices=[])
    language = forms.ChoiceField(
        label=_("Dil"), choices=[("tr", _("Türkçe")), ("en", _("İngilizce"))]
    )
    word = forms.CharField(
        label=_("Sözcük veya söz öbeği"),
        max_length=80,
        help_text=_(
            "Aramada bu kavramın öteki sözcükleriyle eş tutulur; örn. “sürdürülebilirlik”."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        entry: Any = self.fields["entry"]
        entry.choices = [(f"{k}:{c}", thesaurus_entry_label(k, c)) for k, c in THESAURUS]

    def clean_word(self) -> str:
        word: str = self.cleaned_data["word"].strip()
        if not search_key(word):
            raise forms.ValidationError(_("En az bir harf veya rakam içermeli."))
        return word

    def entry_key(self) -> tuple[str, str]:
        kind, _sep, code = self.cleaned_data["entry"].partition(":")
        return kind, code
