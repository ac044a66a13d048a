from django import forms

from .models import NotificationPreferences


class PreferencesForm(forms.ModelForm):
    """Only the choices that concern the person are shown (``registry.choices_for``)."""

    class Meta:
        model = NotificationPreferences
        fields = ["meeting_reminders", "daily_digest", "weekly_digest"]

    def __init__(self, *args, relevant_fields: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in relevant_fields:
                del self.fields[name]

    def choices(self) -> dict[str, bool]:
        return {name: self.cleaned_data[name] for name in self.fields}
