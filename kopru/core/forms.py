"""Form helpers: Bootstrap classes, accessible errors, and the version field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class BootstrapFormMixin:
    """Adds Bootstrap classes and ARIA attributes to every widget."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                continue
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{name}_help"

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:  # type: ignore[attr-defined]
                widget = self.fields[name].widget  # type: ignore[attr-defined]
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
                described = widget.attrs.get("aria-describedby", "")
                widget.attrs["aria-describedby"] = f"{described} id_{name}_error".strip()


class VersionedFormMixin(forms.Form):
    """Carries the version the user started from, for the stale-save check."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and not self.is_bound:
            self.initial["version"] = instance.version

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
