"""Consent to tell a person's story: internal records, never published.

Records are keyed to the story's `translation_key`, not attached to the page, so they are
never part of a page revision, a translation source sent to translators, the API or a
template context. One consent covers every language version of the story.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

__all__ = ["ConsentRecord", "ConsentCoverage", "consent_problems"]


def yes_no(value):
    """Listing columns read "Yes"/"No" in the editor's language, not True/False."""
    return _("Yes") if value else _("No")


class ConsentRecordQuerySet(models.QuerySet):
    def in_force(self):
        """Records that count today: already given and not withdrawn."""
        return self.filter(given_on__lte=timezone.localdate(), withdrawn_on__isnull=True)

    def for_key(self, translation_key):
        return self.filter(story_key=translation_key)


class ConsentRecord(models.Model):
    class GivenBy(models.TextChoices):
        PERSON = "person", _("The person themself")
        GUARDIAN = "guardian", _("A parent or guardian")
        REPRESENTATIVE = "representative", _("Their legal representative")
        OTHER = "other", _("Someone else (explain in the notes)")

    story_key = models.UUIDField(_("story"), db_index=True, editable=False)
    given_by_role = models.CharField(
        _("consent given by"), max_length=20, choices=GivenBy.choices, default=GivenBy.PERSON
    )
    given_by = models.CharField(
        _("name or initials of who gave consent"),
        max_length=120,
        help_text=_("Internal only. Initials are enough if the full name is in the case file."),
    )
    given_on = models.DateField(_("date consent was given"), default=timezone.localdate)
    covers_story = models.BooleanField(
        _("story"), default=True, help_text=_("Consent to publish the story at all.")
    )
    covers_photo = models.BooleanField(
        _("photos"), default=False, help_text=_("Consent to publish pictures with the story.")
    )
    covers_name = models.BooleanField(
        _("real name"), default=False, help_text=_("Consent to publish their real name.")
    )
    notes = models.TextField(
        _("notes"),
        blank=True,
        help_text=_("Where the signed form is kept, limits agreed (e.g. no city). Internal only."),
    )
    withdrawn_on = models.DateField(
        _("withdrawn on"),
        null=True,
        blank=True,
        help_text=_("When the person withdrew consent. The story cannot be published after that."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ConsentRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-given_on", "-pk"]

    def __str__(self):
        # Named in words for editors; no personal data (only the public story title and the
        # date), since this label appears in the admin's history and logs.
        story = self.story_page() if self.story_key else None
        title = story.title if story else _("a deleted story")
        given = date_format(self.given_on, "DATE_FORMAT") if self.given_on else "—"
        return _("Consent for %(story)s (given %(date)s)") % {"story": title, "date": given}

    @admin.display(description=_("Story"))
    def covers_story_text(self):
        return yes_no(self.covers_story)

    @admin.display(description=_("Photos"))
    def covers_photo_text(self):
        return yes_no(self.covers_photo)

    @admin.display(description=_("Real name"))
    def covers_name_text(self):
        return yes_no(self.covers_name)

    @property
    def in_force(self):
        return self.withdrawn_on is None and self.given_on <= timezone.localdate()

    @admin.display(description=_("Story"))
    def story_title(self):
        story = self.story_page()
        return story.get_admin_display_title() if story else _("(story deleted)")

    def story_page(self):
        """The story in the default language (else any language) this record is about."""
        from stories.models import CaseStoryPage

        pages = CaseStoryPage.objects.filter(translation_key=self.story_key)
        return pages.filter(locale__language_code=settings.LANGUAGE_CODE).first() or pages.first()


@dataclass(frozen=True)
class ConsentCoverage:
    story: bool = False
    photo: bool = False
    name: bool = False

    @classmethod
    def for_key(cls, translation_key):
        rows = (
            ConsentRecord.objects.for_key(translation_key)
            .in_force()
            .values_list("covers_story", "covers_photo", "covers_name")
        )
        story = photo = name = False
        for covers_story, covers_photo, covers_name in rows:
            story, photo, name = story or covers_story, photo or covers_photo, name or covers_name
        return cls(story=story, photo=photo, name=name)


def consent_problems(translation_key, *, has_images, identity_protected):
    """Why a story cannot be published with the consent on file; empty when it can."""
    coverage = ConsentCoverage.for_key(translation_key)
    problems = []
    if not coverage.story:
        problems.append(
            _(
                "This story cannot be published: there is no consent on file to tell it. "
                "Save it as a draft, add a consent record (the “Add a consent record” button "
                "in this story's Consent panel, or Consent records in the admin menu), "
                "then publish."
            )
        )
    if has_images and not coverage.photo:
        problems.append(
            _(
                "This story shows a picture but the consent on file does not cover photos. "
                "Remove the image or record photo consent."
            )
        )
    if not identity_protected and not coverage.name:
        problems.append(
            _(
                "“Identity protected — name changed” is unticked, but the consent on file "
                "does not cover publishing their real name. Tick it or record name consent."
            )
        )
    return problems
