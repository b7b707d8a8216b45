from __future__ import annotations

from django.contrib.auth import forms as auth_forms

from kopru.core.forms import BootstrapFormMixin, HoneypotFormMixin


class LoginForm(BootstrapFormMixin, auth_forms.AuthenticationForm):
    pass


class PasswordResetForm(BootstrapFormMixin, HoneypotFormMixin, auth_forms.PasswordResetForm):
    """Sends mail to an address anyone types: a honeypot here, a rate limit in urls.py."""


class SetPasswordForm(BootstrapFormMixin, auth_forms.SetPasswordForm):
    pass
