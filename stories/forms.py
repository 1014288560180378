"""Admin forms for consent records."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminPageChooser

from stories.models import CaseStoryPage


class ConsentRecordForm(WagtailAdminModelForm):
    """Chooses the story by page, stores its translation key (shared by every language)."""

    story = forms.ModelChoiceField(
        label=_("Story"),
        queryset=CaseStoryPage.objects.all(),
        widget=AdminPageChooser(target_models=[CaseStoryPage]),
        help_text=_("Consent recorded here covers every language version of the story."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.story_key:
            story = self.instance.story_page()
            if story is not None:
                self.initial["story"] = story.pk

    def clean(self):
        cleaned_data = super().clean()
        if not any(cleaned_data.get(f) for f in ("covers_story", "covers_photo", "covers_name")):
            raise forms.ValidationError(
                _("Tick at least one thing the consent covers: story, photos or real name.")
            )
        withdrawn_on, given_on = cleaned_data.get("withdrawn_on"), cleaned_data.get("given_on")
        if withdrawn_on and given_on and withdrawn_on < given_on:
            self.add_error("withdrawn_on", _("Consent cannot be withdrawn before it was given."))
        return cleaned_data

    def save(self, commit=True):
        self.instance.story_key = self.cleaned_data["story"].translation_key
        if self.instance.recorded_by_id is None and getattr(self, "for_user", None):
            if self.for_user.is_authenticated:
                self.instance.recorded_by = self.for_user
        return super().save(commit=commit)
