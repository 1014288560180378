"""Case story pages, their dated updates and their linked urgent actions."""

import datetime
from itertools import groupby
from operator import attrgetter
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import (
    Case,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.forms import HavenPageForm
from home.locales import active_locale
from home.models import BasePage, SingleChildTypeRouteMixin
from home.seo import webpage_data
from home.shared_state import SharedStateFormMixin, SharedStateMixin
from stories.blocks import (
    RICH_TEXT_FEATURES,
    CampaignBodyBlock,
    StoryBodyBlock,
    body_has_images,
)
from stories.models.consent import consent_problems
from stories.models.state import StoryState
from stories.panels import ConsentStatusPanel, SupporterEmailsPanel

__all__ = [
    "CaseIndexPage",
    "CaseStoryPage",
    "CaseUpdate",
    "CaseStoryAction",
    "CaseStoryCountry",
    "CampaignPage",
    "CampaignAction",
    "ConsentMissing",
    "PUBLISH_ACTION",
]

# The name of the editor's publish button in Wagtail's page forms.
PUBLISH_ACTION = "action-publish"
# The log action Wagtail's `publish_scheduled` command passes to `publish()`.
SCHEDULED_PUBLISH = "wagtail.publish.scheduled"
PUBLISH_REFUSED_ACTION = "stories.publish_refused"


class ConsentMissing(PermissionDenied):
    """Raised when something tries to publish a story the consent on file does not cover."""


STORIES_PER_PAGE = 12
# The card's responsive renditions (templates/components/story_card.html: WebP and JPEG
# at two widths), prefetched for all cards in one query.
CARD_RENDITIONS = [
    f"format-{fmt}|fill-{size}" for fmt in ("webp", "jpeg") for size in ("320x200", "640x400")
]


class Category(models.TextChoices):
    DETENTION = "detention", _("Detention")
    RESETTLEMENT = "resettlement", _("Resettlement")
    FAMILY_SEPARATION = "family_separation", _("Family separation")


class Status(models.TextChoices):
    ACTIVE = "active", _("Active")
    RESOLVED = "resolved", _("Resolved")


class Outcome(models.TextChoices):
    RELEASED = "released", _("Released")
    GRANTED_PROTECTION = "granted_protection", _("Granted protection")
    RESETTLED = "resettled", _("Resettled")
    REUNITED = "reunited", _("Reunited")
    DEPORTED = "deported", _("Deported")
    OTHER = "other", _("Other outcome")


SUCCESS_OUTCOMES = [
    Outcome.RELEASED,
    Outcome.GRANTED_PROTECTION,
    Outcome.RESETTLED,
    Outcome.REUNITED,
]


class SubjectKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    FAMILY = "family", _("Family")
    GROUP = "group", _("Group of people")


class ListGroup(models.IntegerChoices):
    """How the index splits its list, like advocacy sites' "current cases" and "successes"."""

    CURRENT = 0, _("Current cases")
    SUCCESSES = 1, _("Successes")
    OTHER = 2, _("Other outcomes")


class CaseFilterForm(forms.Form):
    """The index's filters: a plain GET form, so it works without JavaScript."""

    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *Category.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All cases")),
            (Status.ACTIVE, _("Current cases")),
            (Status.RESOLVED, _("Resolved cases")),
        ],
    )


class CaseIndexPage(RoutablePageMixin, SingleChildTypeRouteMixin, BasePage):
    """Lists the case stories of one language, with feeds of their updates."""

    # A story arrives with its pictures (hero and sharing image) in the routing query.
    child_page_model = "stories.CaseStoryPage"
    child_select_related = ("hero_image", "social_image")

    template = "pages/case_index_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["stories.CaseStoryPage"]
    # One per home page, and so one per language.
    max_count_per_parent = 1

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    override_translatable_fields = [
        TranslatableField("intro"),
        SynchronizedField("social_image", overridable=False),
    ]

    class Meta:
        verbose_name = _("case index")

    def structured_data(self, card, publisher):
        return [webpage_data(card, publisher, self, "CollectionPage")]

    def stories(self):
        """Live stories of this index, current cases first, then newest activity first.

        Activity is the latest update's date, else the day the story was first published.
        Hero images and their card renditions come in the same few queries for any number
        of stories.
        """
        Rendition = get_image_model().get_rendition_model()
        return (
            CaseStoryPage.objects.child_of(self)
            .live()
            .public()
            .select_related("hero_image")
            .prefetch_related(
                Prefetch(
                    "hero_image__renditions",
                    queryset=Rendition.objects.filter(filter_spec__in=CARD_RENDITIONS),
                )
            )
            .annotate(
                activity=Coalesce(
                    Max("updates__date"),
                    TruncDate("first_published_at"),
                    output_field=models.DateField(),
                ),
                group=Case(
                    When(status=Status.ACTIVE, then=Value(ListGroup.CURRENT)),
                    When(outcome__in=SUCCESS_OUTCOMES, then=Value(ListGroup.SUCCESSES)),
                    default=Value(ListGroup.OTHER),
                    output_field=IntegerField(),
                ),
            )
            .order_by("group", "-activity", "-first_published_at", "pk")
        )

    def filtered_stories(self, data):
        """The form and the stories it selects; a tampered value is ignored, the rest apply."""
        form = CaseFilterForm(data)
        form.is_valid()
        filters = {k: v for k, v in form.cleaned_data.items() if v}
        return form, filters, self.stories().filter(**filters)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form, filters, stories = self.filtered_stories(request.GET)
        paginator = Paginator(stories, STORIES_PER_PAGE)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            page_obj = paginator.page(1)
        grouped = [
            (ListGroup(group).label, list(items))
            for group, items in groupby(page_obj.object_list, key=attrgetter("group"))
        ]
        context.update(
            filter_form=form,
            stories=page_obj,
            grouped_stories=grouped,
            filters_active=bool(filters),
            extra_query=urlencode(filters),
            feed_urls=self.feed_urls(request),
        )
        return context

    @path("feed/rss/", name="feed_rss")
    def feed_rss(self, request):
        from stories.feeds import CaseUpdatesRssFeed

        return CaseUpdatesRssFeed(self)(request)

    @path("feed/atom/", name="feed_atom")
    def feed_atom(self, request):
        from stories.feeds import CaseUpdatesAtomFeed

        return CaseUpdatesAtomFeed(self)(request)

    def feed_urls(self, request=None):
        base = self.get_url(request=request)
        if base is None:  # an unsaved page in the admin preview
            return {}
        return {
            "rss": base + self.reverse_subpage("feed_rss"),
            "atom": base + self.reverse_subpage("feed_atom"),
        }


def localized_actions(links):
    """The linked urgent actions in the reader's language, open ones first.

    Resolves every link with one query (the same rule as `Page.localized`: the live
    translation in the active language, else the linked page itself) and attaches
    response counts in one call, so the page's query count does not grow with links.
    """
    from actions.models import UrgentActionPage

    locale = active_locale()
    if isinstance(links, models.QuerySet):
        # Saved links: the linked pages and their translations come in one query (the
        # links are a subquery), where reading the links first took a second round trip.
        linked = links.filter(action_id=OuterRef("pk"))
        keys = links.values("action__translation_key")
        rows = list(
            UrgentActionPage.objects.filter(
                Q(pk__in=links.values("action_id"))
                | Q(live=True, locale=locale, translation_key__in=keys)
            )
            # A card in another language names it.
            .select_related("locale")
            .annotate(
                is_linked=Exists(linked),
                link_order=Subquery(linked.order_by("sort_order").values("sort_order")[:1]),
            )
        )
        originals = sorted(
            (page for page in rows if page.is_linked),
            key=lambda page: (page.link_order is None, page.link_order or 0, page.pk),
        )
        translated = {
            page.translation_key: page for page in rows if page.live and page.locale_id == locale.id
        }
    else:
        # A preview's links live in memory only.
        originals = [link.action for link in links if link.action_id is not None]
        translated = {
            page.translation_key: page
            for page in UrgentActionPage.objects.live().filter(
                locale=locale, translation_key__in=[p.translation_key for p in originals]
            )
        }
    if not originals:
        return []
    actions, seen = [], set()
    for original in originals:
        action = translated.get(original.translation_key)
        if action is None:
            if not original.live:
                continue
            action = original
            # Not in the reader's language yet: the card says so and links the original.
            action.language_fallback = original.locale_id != locale.id
        if action.pk in seen:
            continue
        seen.add(action.pk)
        actions.append(action)
    UrgentActionPage.attach_counts(actions)
    # Stable sort: editor order within the open and the closed ones.
    return sorted(actions, key=lambda a: not a.is_open)


class HeroPageMixin:
    """What the pages that lead with a hero image and ask for urgent actions share (case
    stories and campaigns): alt text required with the image, the link-preview image and
    text, and the linked actions shown in the reader's language.

    Methods only: each page keeps its own fields (their help texts differ).
    """

    def hero_image_errors(self):
        if self.hero_image_id and not self.hero_image_alt.strip():
            return {"hero_image_alt": _("Describe the hero image for people who cannot see it.")}
        return {}

    @property
    def og_image(self):
        return self.social_image or self.hero_image

    @property
    def og_image_alt(self):
        if self.social_image_id:
            return self.social_image.default_alt_text
        return self.hero_image_alt

    def get_social_description(self):
        return self.search_description or self.summary

    def localized_actions(self):
        return localized_actions(self.linked_actions.all())


class CaseStoryPageForm(SharedStateFormMixin, HavenPageForm):
    """Refuses the editor's "Publish" while consent is missing, keeping every edit on screen.

    On a translation, status and outcome are read-only: the source language sets them.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.disable_shared_fields()

    def clean(self):
        cleaned_data = super().clean()
        if PUBLISH_ACTION in self.data:
            problems = consent_problems(
                self.instance.translation_key,
                has_images=bool(cleaned_data.get("hero_image"))
                or body_has_images(cleaned_data.get("body")),
                identity_protected=cleaned_data.get("identity_protected", True),
            )
            for problem in problems:
                self.add_error(None, problem)
        return cleaned_data


class CaseStoryPage(HeroPageMixin, SharedStateMixin, BasePage):
    """The story of one person or family, kept current with dated updates.

    Consent to tell the story lives in `stories.ConsentRecord`, keyed to this page's
    translation key, never on the page: page content goes to revisions and translators.
    Status, outcome and outcome date are one fact for every language (`StoryState`).
    """

    shared_state_model = StoryState

    template = "pages/case_story_page.html"
    parent_page_types = ["stories.CaseIndexPage"]
    subpage_types = []

    Category = Category
    Status = Status
    Outcome = Outcome
    SubjectKind = SubjectKind

    display_name = models.CharField(
        _("display name"),
        max_length=120,
        help_text=_("How the story names the person or family, e.g. “Rosa” or “The M. family”."),
    )
    identity_protected = models.BooleanField(
        _("identity protected — name changed"),
        default=True,
        help_text=_(
            "Leave ticked unless the person agreed in writing to their real name being "
            "published (name consent on file). The page says the name was changed."
        ),
    )
    subject_kind = models.CharField(
        _("individual or family"),
        max_length=12,
        choices=SubjectKind.choices,
        default=SubjectKind.INDIVIDUAL,
    )
    country_of_origin = CountryField(_("country of origin"))
    current_location = models.CharField(
        _("where they are now"),
        max_length=160,
        blank=True,
        help_text=_("A facility or city. Never an address."),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_date = models.DateField(_("outcome date"), null=True, blank=True)

    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("One or two sentences for cards and link previews."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero image"),
        help_text=_("Needs photo consent on file. Prefer illustrations to photos of people."),
    )
    hero_image_alt = models.CharField(
        _("hero image alt text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for people who cannot see it. Required with an image."),
    )
    body = StreamField(StoryBodyBlock(), verbose_name=_("story"), blank=True)

    base_form_class = CaseStoryPageForm

    content_panels = [
        *Page.content_panels,
        ConsentStatusPanel(heading=_("Consent (internal, never published)")),
        MultiFieldPanel(
            [
                FieldPanel("display_name"),
                FieldPanel("identity_protected"),
                FieldRowPanel([FieldPanel("subject_kind"), FieldPanel("country_of_origin")]),
                InlinePanel(
                    "other_countries",
                    label=_("Another country of origin"),
                    heading=_("Other countries of origin"),
                    help_text=_(
                        "For a group from several countries: the first country above, the "
                        "others here."
                    ),
                ),
                FieldPanel("current_location"),
            ],
            heading=_("Who"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldRowPanel(
                    [FieldPanel("status"), FieldPanel("outcome"), FieldPanel("outcome_date")]
                ),
            ],
            heading=_("Category and status"),
        ),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading=_("Hero image")
        ),
        FieldPanel("body"),
        InlinePanel(
            "updates",
            heading=_("Updates"),
            label=_("Update"),
            help_text=_(
                "Add an entry whenever something happens. The page shows the newest first."
            ),
        ),
        InlinePanel(
            "linked_actions",
            heading=_("Urgent actions for this case"),
            label=_("Urgent action"),
        ),
        SupporterEmailsPanel(heading=_("Supporter emails")),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("display_name"),
        index.SearchField("country_search_text"),
        index.SearchField("current_location"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("updates", [index.SearchField("headline"), index.SearchField("body")]),
        index.FilterField("category"),
        index.FilterField("status"),
    ]

    override_translatable_fields = [
        TranslatableField("display_name"),
        TranslatableField("current_location"),
        TranslatableField("summary"),
        TranslatableField("hero_image_alt"),
        TranslatableField("body"),
        TranslatableField("updates"),
        SynchronizedField("identity_protected", overridable=False),
        SynchronizedField("subject_kind", overridable=False),
        SynchronizedField("country_of_origin", overridable=False),
        SynchronizedField("category", overridable=False),
        SynchronizedField("status", overridable=False),
        SynchronizedField("outcome", overridable=False),
        SynchronizedField("outcome_date", overridable=False),
        SynchronizedField("hero_image", overridable=False),
        SynchronizedField("social_image", overridable=False),
        SynchronizedField("linked_actions", overridable=False),
        SynchronizedField("other_countries", overridable=False),
    ]

    class Meta:
        verbose_name = _("case story")

    def clean(self):
        super().clean()
        errors = self.hero_image_errors()
        if self.status == Status.RESOLVED and not self.outcome:
            errors["outcome"] = _("Choose the outcome of a resolved case.")
        if self.status == Status.ACTIVE and self.outcome:
            errors["outcome"] = _("An active case has no outcome yet: mark it resolved first.")
        if self.outcome_date and not self.outcome:
            errors["outcome_date"] = _("Give the outcome this date belongs to.")
        if self.outcome_date and self.outcome_date > timezone.localdate():
            errors["outcome_date"] = _("The outcome date cannot be in the future.")
        if errors:
            raise ValidationError(errors)

    # Consent ----------------------------------------------------------------------------

    @property
    def has_images(self):
        return bool(self.hero_image_id) or body_has_images(self.body)

    def consent_problems(self):
        return consent_problems(
            self.translation_key,
            has_images=self.has_images,
            identity_protected=self.identity_protected,
        )

    def publish(self, revision, *args, **kwargs):
        """Last line of defence for publish paths outside the edit form (workflows,
        scheduled publishing, bulk actions, translations): refuse without consent."""
        problems = revision.as_object().consent_problems()
        if problems:
            if kwargs.get("log_action") == SCHEDULED_PUBLISH:
                # Wagtail's scheduler stops at the first error, which would hold back every
                # other scheduled page: cancel this schedule and record why instead.
                revision.approved_go_live_at = None
                revision.save(update_fields=["approved_go_live_at"])
                log(
                    instance=self,
                    action=PUBLISH_REFUSED_ACTION,
                    revision=revision,
                    data={"reasons": [str(p) for p in problems]},
                )
                return None
            raise ConsentMissing(" ".join(str(p) for p in problems))
        return super().publish(revision, *args, **kwargs)

    # Reading helpers --------------------------------------------------------------------

    def country_search_text(self):
        """The countries' names in the page's own language, so Spanish search finds "México"."""
        language = self.locale.language_code if self.locale_id else None
        with translation.override(language):
            return " ".join(str(country.name) for country in self.countries)

    @property
    def countries(self):
        """Every country of origin, the main one first, without repeats (a group's list)."""
        countries, seen = [], set()
        extra = [row.country for row in self.other_countries.all()]
        for country in [self.country_of_origin, *extra]:
            if country and country.code not in seen:
                seen.add(country.code)
                countries.append(country)
        return countries

    @property
    def is_success(self):
        return self.status == Status.RESOLVED and self.outcome in SUCCESS_OUTCOMES

    og_type = "article"

    def structured_data(self, card, publisher):
        """A NewsArticle: a dated story kept current, published by the organisation."""
        published = self.first_published_at or self.last_published_at or timezone.now()
        modified = max(
            [published, self.last_published_at or published]
            # The timeline the page already fetched, not a second query for the updates.
            + [u.published_at for u in self.timeline if u.published_at]
        )
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": card.title[:110],
            "description": card.description,
            "url": card.url,
            "mainEntityOfPage": card.url,
            "inLanguage": card.language,
            "datePublished": published.isoformat(timespec="seconds"),
            "dateModified": modified.isoformat(timespec="seconds"),
            "image": [card.image_url],
            "author": {"@type": "Organization", "name": publisher["name"], "url": publisher["url"]},
            "publisher": publisher,
        }
        return [data]

    @cached_property
    def timeline(self):
        """Updates newest first: by date, then latest added first on the same day."""
        return sorted(self.updates.all(), key=lambda u: (u.date, u.sort_order or 0), reverse=True)

    def get_context(self, request, *args, **kwargs):
        self.refresh_shared_state()
        context = super().get_context(request, *args, **kwargs)
        # Stories live under a case index: routing left it on the page (no query), else
        # one query for it, not a page and then its type.
        case_index = getattr(self, "_cached_parent_obj", None)
        if not isinstance(case_index, CaseIndexPage):
            case_index = CaseIndexPage.objects.filter(path=self.path[: -self.steplen]).first()
        if case_index is None:
            parent = self.get_parent()
            case_index = parent.specific if parent else None
        context["case_index"] = case_index
        if isinstance(case_index, CaseIndexPage):
            context["feed_urls"] = case_index.feed_urls(request)
        context["linked_actions"] = self.localized_actions()
        context["timeline"] = self.timeline
        return context


class CaseUpdate(TranslatableMixin, Orderable):
    """A dated entry in a story's timeline.

    Translatable so wagtail-localize offers its headline and text to translators; the date
    and the notification flag stay synchronised with the source language.
    """

    page = ParentalKey(CaseStoryPage, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(_("date"), default=timezone.localdate)
    headline = models.CharField(_("headline"), max_length=160)
    body = RichTextField(_("what happened"), features=RICH_TEXT_FEATURES, blank=True)
    notify_supporters = models.BooleanField(
        _("notify supporters"),
        default=False,
        help_text=_("Email everyone who acted on this case and asked to hear more"),
    )
    # When the editor wrote the entry (set as it is added, kept through revisions): feeds
    # and article dates give its true time of day instead of a made-up one.
    created_at = models.DateTimeField(_("written at"), default=timezone.now, editable=False)

    panels = [
        FieldPanel("date"),
        FieldPanel("headline"),
        FieldPanel("body"),
        FieldPanel("notify_supporters"),
    ]

    override_translatable_fields = [
        SynchronizedField("date", overridable=False),
        SynchronizedField("notify_supporters", overridable=False),
        SynchronizedField("created_at", overridable=False),
        TranslatableField("headline"),
        TranslatableField("body"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("case update")
        verbose_name_plural = _("case updates")

    def __str__(self):
        return self.headline

    @property
    def published_at(self):
        """The update's timestamp: its date at the time of day the editor wrote it.

        Same-day entries get their real time (never noon, never the future); a backdated
        entry keeps its date. Two entries written at different times never share it.
        """
        zone = timezone.get_current_timezone()
        written = timezone.localtime(self.created_at, zone) if self.created_at else None
        if written is None:
            return None
        if written.date() == self.date:
            return written
        return timezone.make_aware(datetime.datetime.combine(self.date, written.time()), zone)

    @property
    def anchor(self):
        """The fragment id of this update, the same in every language."""
        return f"update-{str(self.translation_key)[:8]}"


class CaseStoryAction(Orderable):
    """An urgent action linked from a story; copied as-is to translations, localised on display."""

    page = ParentalKey(CaseStoryPage, on_delete=models.CASCADE, related_name="linked_actions")
    action = models.ForeignKey(
        "actions.UrgentActionPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("urgent action"),
    )

    panels = [PageChooserPanel("action", page_type="actions.UrgentActionPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("linked urgent action")
        verbose_name_plural = _("linked urgent actions")

    def __str__(self):
        return str(self.action)


class CaseStoryCountry(Orderable):
    """Another country of origin of a group's story.

    An orderable, not a ManyToManyField: wagtail-localize ignores many-to-many fields
    (wagtail-localize#820) but copies a synchronised child relation to every translation.
    The country is a code, so the Spanish page shows its Spanish name.
    """

    page = ParentalKey(CaseStoryPage, on_delete=models.CASCADE, related_name="other_countries")
    country = CountryField(_("country"))

    panels = [FieldPanel("country")]

    class Meta(Orderable.Meta):
        verbose_name = _("country of origin")
        verbose_name_plural = _("countries of origin")

    def __str__(self):
        return str(self.country.name)


class CampaignPage(HeroPageMixin, BasePage):
    """An advocacy campaign that is not one person's case: a video, credited pictures,
    quotes, a share and a donate ask, and the urgent actions it asks readers to take.

    No consent record or case fields: it tells no one's story. It sits directly under a
    home page, so its address is short (/en/humane-asylum/).
    """

    template = "pages/campaign_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("One or two sentences for the page's lead, cards and link previews."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero image"),
    )
    hero_image_alt = models.CharField(
        _("hero image alt text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for people who cannot see it. Required with an image."),
    )
    hero_image_credit = models.CharField(
        _("hero image credit"),
        max_length=160,
        blank=True,
        help_text=_("Photographer or source, e.g. “Mexico 2026 © A. Photographer”."),
    )
    body = StreamField(CampaignBodyBlock(), verbose_name=_("body"), blank=True)
    actions_heading = models.CharField(
        _("actions heading"), max_length=120, default="What you can do"
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_image_alt"),
                FieldPanel("hero_image_credit"),
            ],
            heading=_("Hero image"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("actions_heading"),
                InlinePanel("linked_actions", label=_("Urgent action")),
            ],
            heading=_("Urgent actions of this campaign"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    override_translatable_fields = [
        TranslatableField("summary"),
        TranslatableField("hero_image_alt"),
        TranslatableField("hero_image_credit"),
        TranslatableField("body"),
        TranslatableField("actions_heading"),
        SynchronizedField("hero_image", overridable=False),
        SynchronizedField("social_image", overridable=False),
        SynchronizedField("linked_actions", overridable=False),
    ]

    class Meta:
        verbose_name = _("campaign page")

    def clean(self):
        super().clean()
        errors = self.hero_image_errors()
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["linked_actions"] = self.localized_actions()
        return context


class CampaignAction(Orderable):
    """An urgent action a campaign asks for; copied to translations, localised on display."""

    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="linked_actions")
    action = models.ForeignKey(
        "actions.UrgentActionPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("urgent action"),
    )

    panels = [PageChooserPanel("action", page_type="actions.UrgentActionPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("campaign action")
        verbose_name_plural = _("campaign actions")

    def __str__(self):
        return str(self.action)
