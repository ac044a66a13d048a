from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from cities.models import City, Membership

from .models import Invitation, User


class InvitationForm(forms.ModelForm):
    """What lead staff fill in to invite someone; the service does the rest."""

    full_name = forms.CharField(
        label=_("full name"),
        max_length=200,
        required=False,
        help_text=_("Used only when the person has no account yet."),
    )
    preferred_language = forms.ChoiceField(
        label=_("language of the invitation"),
        choices=[("", _("The city's language")), *settings.LANGUAGES],
        required=False,
        initial="",
        help_text=_("Used only when the person has no account yet; otherwise theirs is kept."),
    )

    class Meta:
        model = Invitation
        fields = ["email", "city", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = City.objects.order_by("order", "slug")
        self.fields["role"].initial = Membership.Role.CITY_COORDINATOR

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email, is_active=False).exists():
            raise forms.ValidationError(
                _("This person's account is switched off; switch it on before inviting them.")
            )
        return email

    def validate_unique(self):
        # Inviting the same person again is allowed: it re-sends the invitation.
        pass


class SetPasswordForm(forms.Form):
    password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("New password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords do not match."))
        elif first:
            try:
                password_validation.validate_password(first, self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
