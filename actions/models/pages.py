"""Urgent action pages and the index that lists them."""

import zoneinfo

from django.db import models
from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from actions import routes
from actions.blocks import RECIPIENT_CHOICES, WaysToActBlock
from actions.models.state import ActionState
from actions.panels import EmbedSnippetPanel
from home.forms import HavenPageForm
from home.models import BasePage, SingleChildTypeRouteMixin
from home.seo import webpage_data
from home.shared_state import SharedStateFormMixin, SharedStateMixin

__all__ = ["ActionIndexPage", "ActionTarget", "UrgentActionPage"]

# Case stories live in this app; found by label so `actions` never imports `stories`.
STORY_APP_LABEL = "stories"
# Campaign pages live there too but are not "the people behind this action".
STORY_MODEL = "casestorypage"

TIME_ZONE_CHOICES = [
    ("America/New_York", _("Eastern time")),
    ("America/Chicago", _("Central time")),
    ("America/Denver", _("Mountain time")),
    ("America/Phoenix", _("Arizona time")),
    ("America/Los_Angeles", _("Pacific time")),
    ("America/Anchorage", _("Alaska time")),
    ("Pacific/Honolulu", _("Hawaii time")),
    ("America/Puerto_Rico", _("Atlantic time (Puerto Rico)")),
]


class UrgentActionPageForm(SharedStateFormMixin, HavenPageForm):
    """Editors type the deadline as wall-clock time in the action's own time zone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.disable_shared_fields()
        if not self.is_bound and self.instance.deadline:
            self.initial["deadline"] = self.instance.deadline_local.replace(tzinfo=None)

    def clean(self):
        cleaned = super().clean()
        if self.fields["deadline"].disabled:
            return cleaned  # set on the source page, already in UTC
        deadline = cleaned.get("deadline")
        zone = _zone(cleaned.get("deadline_timezone"))
        if deadline is not None:
            # The admin read the typed time in the site's zone; reread it in the action's.
            cleaned["deadline"] = timezone.make_aware(timezone.make_naive(deadline), zone)
        return cleaned


def _zone(name):
    try:
        return zoneinfo.ZoneInfo(name or "")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return timezone.get_default_timezone()


class ActionIndexPage(SingleChildTypeRouteMixin, BasePage):
    """Lists the urgent actions of one language, open ones first."""

    # An action page is found with one query, not a page and then its type.
    child_page_model = "actions.UrgentActionPage"

    template = "pages/action_index_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["actions.UrgentActionPage"]
    max_count_per_parent = 1

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("urgent actions index")

    def structured_data(self, card, publisher):
        return [webpage_data(card, publisher, self, "CollectionPage")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        actions = list(UrgentActionPage.objects.child_of(self).live().order_by("deadline"))
        UrgentActionPage.attach_counts(actions)
        context["open_actions"] = [a for a in actions if a.is_open]
        context["closed_actions"] = [a for a in actions if not a.is_open]
        context["actions"] = context["open_actions"] + context["closed_actions"]
        return context


class UrgentActionPage(SharedStateMixin, RoutablePageMixin, BasePage):
    """One ask of readers: sign, call or email, before a deadline.

    Responses belong to the page's translation group (`translation_key`), so the English
    and Spanish pages share one count and one list of signers. Status, deadline, goal,
    recipients, chosen officials and phone numbers are one fact for the group too
    (`ActionState`, set by the source language's publish: home/shared_state.py).
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        WON = "won", _("Won")
        LOST = "lost", _("Lost")

    shared_state_model = ActionState

    template = "pages/urgent_action_page.html"
    base_form_class = UrgentActionPageForm
    thanks_template = "pages/action_thanks.html"
    parent_page_types = ["actions.ActionIndexPage"]
    subpage_types = []

    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("The ask, in a sentence or two.")
    )
    why_it_matters = RichTextField(
        _("why it matters"),
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        blank=True,
    )
    recipients = models.CharField(
        _("who receives it"),
        max_length=10,
        choices=RECIPIENT_CHOICES,
        default="zip",
        help_text=_("Whom the letter is delivered to, and whom readers call or write to."),
    )
    recipients_note = models.CharField(
        _("recipients as readers see them"),
        max_length=200,
        blank=True,
        help_text=_("For example: “The Secretary of Homeland Security and your senators”."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    deadline = models.DateTimeField(
        _("deadline"),
        null=True,
        blank=True,
        help_text=_("Date and time in the time zone chosen below."),
    )
    deadline_timezone = models.CharField(
        _("deadline time zone"),
        max_length=40,
        choices=TIME_ZONE_CHOICES,
        default="America/New_York",
        help_text=_("The deadline is shown to readers in this time zone."),
    )
    signature_goal = models.PositiveIntegerField(_("goal"), null=True, blank=True)
    deliver_at_deadline = models.BooleanField(
        _("deliver the letter at the deadline"),
        default=False,
        help_text=_(
            "At the deadline, e-mail the letter to each recipient office that has an address, "
            "with its own constituents' names. You can also deliver it at any time from the "
            "action's “Deliver now” button."
        ),
    )
    outcome_message = RichTextField(
        _("outcome"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("Shown instead of the forms once the action is closed, won or lost."),
    )
    ways_to_act = StreamField(
        WaysToActBlock(),
        verbose_name=_("ways to act"),
        blank=True,
        use_json_field=True,
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("why_it_matters"),
        MultiFieldPanel(
            [
                FieldPanel("recipients"),
                FieldPanel("recipients_note"),
                InlinePanel("action_targets", label=_("Chosen officials")),
            ],
            heading=_("Who receives it"),
        ),
        InlinePanel(
            "letter_versions",
            heading=_("Letter versions"),
            label=_("Letter version"),
            help_text=_(
                "A different letter for one group of recipients, e.g. members of Congress "
                "asked to press the President-Elect. Without one, every office receives the "
                "letter on the page."
            ),
        ),
        FieldPanel("ways_to_act"),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("deadline"),
                FieldPanel("deadline_timezone"),
                FieldPanel("signature_goal"),
                FieldPanel("deliver_at_deadline"),
                FieldPanel("outcome_message"),
            ],
            heading=_("Status and deadline"),
        ),
    ]
    promote_panels = [
        *BasePage.promote_panels,
        EmbedSnippetPanel(heading=_("Embed on a partner site")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("why_it_matters"),
    ]

    override_translatable_fields = [
        TranslatableField("summary"),
        TranslatableField("why_it_matters"),
        TranslatableField("recipients_note"),
        TranslatableField("outcome_message"),
        TranslatableField("ways_to_act"),
        SynchronizedField("recipients", overridable=False),
        SynchronizedField("status", overridable=False),
        SynchronizedField("deadline", overridable=False),
        SynchronizedField("deadline_timezone", overridable=False),
        SynchronizedField("signature_goal", overridable=False),
        SynchronizedField("deliver_at_deadline", overridable=False),
        TranslatableField("letter_versions"),
        SynchronizedField("social_image", overridable=False),
        # The chosen officials (names, phones) are copied, never shown to translators.
        SynchronizedField("action_targets", overridable=False),
    ]

    class Meta:
        verbose_name = _("urgent action")

    # Link cards -------------------------------------------------------------------------

    def get_social_description(self):
        """Link previews and search results show the required summary of the ask."""
        return self.search_description or self.summary

    def structured_data(self, card, publisher):
        """An online Event that runs until the deadline, organised by the organisation:
        the schema.org type search engines and validators accept for a dated call to act
        (schema.org's Action types describe an act already done, not an invitation)."""
        start = self.first_published_at or self.last_published_at
        # A page never published (a preview) has no start of its own. Today's date, not
        # this second: the card is part of bytes that must be the same for every reader
        # (shared caches, and a thank-you page that must not tell a repeat signer apart).
        start = start.isoformat(timespec="seconds") if start else timezone.localdate().isoformat()
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": card.title,
            "description": card.description,
            "url": card.url,
            "inLanguage": card.language,
            "image": [card.image_url],
            "startDate": start,
            "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
            "eventStatus": "https://schema.org/EventScheduled",
            "location": {"@type": "VirtualLocation", "url": card.url},
            "organizer": {
                "@type": "Organization",
                "name": publisher["name"],
                "url": publisher["url"],
            },
        }
        if self.deadline:
            data["endDate"] = self.deadline_local.isoformat(timespec="seconds")
        else:
            data["endDate"] = data["startDate"]
        return [data]

    # Counting ---------------------------------------------------------------------------

    @classmethod
    def attach_counts(cls, pages):
        """Set `response_count` on each page with a constant number of queries.

        Story pages and indexes call this for their cards so their query count does not
        grow with the number of actions. The count is shared by every translation of an
        action (it belongs to the translation group, not to one language's page), and
        comes from a short-lived cache, so a busy page never counts rows per request.
        """
        from actions.counting import get_counts

        pages = list(pages)
        cls.attach_shared_state(pages)
        counts = get_counts([page.translation_key for page in pages])
        for page in pages:
            page.response_count = counts.get(page.translation_key, 0)
        return pages

    def delivery_summary(self):
        """How many offices received the letter, and when last: shown in every language.

        Only letters an office's mail server accepted count; a queued one is not delivered.
        """
        from django.db.models import Count, Max, Sum

        from actions.models import LetterDelivery

        summary = LetterDelivery.objects.filter(
            action_key=self.translation_key, sent_at__isnull=False
        ).aggregate(offices=Count("id"), names=Sum("signatures"), last=Max("sent_at"))
        return summary if summary["offices"] else None

    @property
    def progress_percent(self):
        """Share of the signature goal reached, capped at 100, or None without a goal."""
        if not self.signature_goal:
            return None
        return min(100, round(100 * getattr(self, "response_count", 0) / self.signature_goal))

    @property
    def is_open(self):
        """Open means accepting responses: status open and the deadline not passed."""
        if self.status != self.Status.OPEN:
            return False
        return self.deadline is None or self.deadline > timezone.now()

    @property
    def deadline_passed(self):
        return self.deadline is not None and self.deadline <= timezone.now()

    def translation_priority(self):
        """(deadline, still open) for the translators' dashboard: open actions get their
        Spanish first, soonest deadline first (translation/dashboard.py)."""
        return self.deadline, self.is_open

    @property
    def deadline_local(self):
        """The deadline in the action's own time zone, for display."""
        if self.deadline is None:
            return None
        return timezone.localtime(self.deadline, _zone(self.deadline_timezone))

    def get_chosen_targets(self):
        """The officials the editor chose, in order; current ones only.

        One list for every language: the one on the page that sets the shared state (the
        source language's live page), so a translation never keeps an old list.
        """
        state = getattr(self, "shared_state", None) or self.refresh_shared_state()
        owner_id = state.source_page_id if state and state.source_page_id else self.pk
        items = ActionTarget.objects.filter(page_id=owner_id).select_related("target")
        return [item.target for item in items.order_by("sort_order") if item.target.is_current]

    def call_numbers(self, block=None):
        """The call block's other numbers: the numbers the source page published, each with
        this page's (translated) label where it has one, else the source's label."""
        from actions.blocks import phone_numbers

        block = block or self.block_of_kind("call")
        own = phone_numbers(block.value) if block else []
        state = getattr(self, "shared_state", None)
        if state is None or self.pk == state.source_page_id:
            return [{"label": n["label"], "number": n["number"]} for n in own]
        labels = {}
        if block is not None:
            for item in block.value["numbers"].bound_blocks:
                labels[item.id] = item.value["label"]
        return [
            {"label": labels.get(n["id"]) or n["label"], "number": n["number"]}
            for n in state.call_numbers
            if (n.get("number") or "").strip()
        ]

    # Shared state (home/shared_state.py) --------------------------------------------------

    def shared_state_values(self):
        values = super().shared_state_values()
        block = self.block_of_kind("call")
        numbers = []
        if block is not None:
            numbers = [
                {"id": item.id, "label": item.value["label"], "number": item.value["number"]}
                for item in block.value["numbers"].bound_blocks
            ]
        return {
            **values,
            "call_numbers": numbers,
            "source_outcome_message": self.outcome_message or "",
        }

    def after_shared_state_applied(self, state, pages):
        """Translations' chosen officials become the source page's list (what the admin shows;
        readers already get the source's list from `get_chosen_targets`)."""
        source_id = state.source_page_id
        if not pages or source_id is None:
            return
        chosen = list(
            ActionTarget.objects.filter(page_id=source_id)
            .order_by("sort_order")
            .values_list("target_id", "sort_order")
        )
        others = [p.pk for p in pages if p.pk != source_id]
        ActionTarget.objects.filter(page_id__in=others).delete()
        ActionTarget.objects.bulk_create(
            [
                ActionTarget(page_id=pk, target_id=target, sort_order=order)
                for pk in others
                for target, order in chosen
            ]
        )

    def reader_outcome(self):
        """The outcome message a reader of this page sees, and whether it is a stand-in.

        Returns {"html", "language", "fallback"}: a translation published before the source
        message last changed, or without its own text, shows the source's message marked
        with its language, and the template adds a note that it is not translated yet.
        """
        state = getattr(self, "shared_state", None)
        own = self.outcome_message or ""
        if state is None or self.pk == state.source_page_id or not state.source_page_id:
            return {"html": own, "language": "", "fallback": False}
        source = state.source_outcome_message or ""
        if not source:
            return {"html": "", "language": "", "fallback": False}
        published = self.last_published_at
        current = state.outcome_changed_at is None or (
            published is not None and published >= state.outcome_changed_at
        )
        if own and own != source and current:
            return {"html": own, "language": "", "fallback": False}
        language = state.source_locale.language_code if state.source_locale_id else ""
        return {"html": source, "language": language, "fallback": True}

    def block_of_kind(self, kind):
        for block in self.ways_to_act:
            if block.block_type == kind:
                return block
        return None

    # Links from elsewhere ------------------------------------------------------------------

    def _story_references(self):
        """Ids (as strings) of pages in the stories app that link to any translation of this
        action, from Wagtail's reference index (no import of `stories`)."""
        from django.contrib.contenttypes.models import ContentType
        from wagtail.models import ReferenceIndex

        page_ct = ContentType.objects.get_for_model(Page)
        # Subqueries, not lists: the reference index keeps ids as text, and one query
        # answers where three round trips did.
        group_ids = (
            Page.objects.filter(translation_key=self.translation_key)
            .annotate(text_id=Cast("pk", models.CharField()))
            .values("text_id")
        )
        return page_ct, ReferenceIndex.objects.filter(
            to_content_type=page_ct,
            to_object_id__in=group_ids,
            base_content_type=page_ct,
            content_type__app_label=STORY_APP_LABEL,
        ).values_list("object_id", flat=True)

    @staticmethod
    def _as_page_ids(text_ids):
        """Reference-index ids (text) as a subquery of page ids."""
        return text_ids.values(page_id=Cast("object_id", models.BigIntegerField()))

    def get_case_stories(self):
        """Live case stories, in this page's language, that link to this action.

        `actions` never imports `stories`: a `haven_action_stories` hook may supply them;
        otherwise Wagtail's reference index says which story pages point at any
        translation of this action (stories may link the English page from Spanish).
        """
        for fn in hooks.get_hooks("haven_action_stories"):
            result = fn(self)
            if result is not None:
                return list(result)
        from django.apps import apps
        from django.db.models.lookups import StartsWith
        from wagtail.models import PageViewRestriction

        _, story_ids = self._story_references()
        keys = Page.objects.filter(pk__in=self._as_page_ids(story_ids)).values("translation_key")
        # One query: the story model by its label (specific rows at once, where `.specific()`
        # took a second query) and Wagtail's `.public()` as a subquery (a story under any
        # restricted page is left out) where `.public()` reads every restriction first.
        restricted = PageViewRestriction.objects.filter(
            StartsWith(OuterRef("path"), F("page__path"))
        )
        story_model = apps.get_model(STORY_APP_LABEL, STORY_MODEL)
        return list(
            story_model.objects.live()
            .filter(translation_key__in=keys, locale_id=self.locale_id)
            .exclude(Exists(restricted))
            .order_by("-first_published_at")
        )

    def get_related_open_actions(self):
        """Other open actions on the same cases, in this page's language, for the thank-you
        step: the actions linked from the stories that link here (hook-overridable)."""
        for fn in hooks.get_hooks("haven_action_related_actions"):
            result = fn(self)
            if result is not None:
                return list(result)
        from wagtail.models import ReferenceIndex

        page_ct, story_ids = self._story_references()
        linked = ReferenceIndex.objects.filter(
            base_content_type=page_ct,
            object_id__in=[str(i) for i in story_ids],
            to_content_type=page_ct,
        ).values_list("to_object_id", flat=True)
        keys = (
            UrgentActionPage.objects.filter(pk__in=[int(i) for i in linked])
            .exclude(translation_key=self.translation_key)
            .values("translation_key")
        )
        candidates = (
            UrgentActionPage.objects.live()
            .public()
            .filter(translation_key__in=keys, locale_id=self.locale_id)
        )
        return [page for page in candidates.order_by("deadline") if page.is_open]

    def get_cached_paths(self):
        """What a shared cache holds for this page, purged with it: the page and its count."""
        return ["/", "count/"]

    # Routes: the page itself, the forms' POST targets, the thank-you step, the count ---------

    @classmethod
    def get_subpage_urls(cls):
        """The routes of actions/routes.py (one table; the views are imported lazily)."""
        return routes.subpage_urls()


class ActionTarget(Orderable):
    """An official the editor chose for an action, e.g. an agency head or a committee chair."""

    page = ParentalKey(UrgentActionPage, on_delete=models.CASCADE, related_name="action_targets")
    target = models.ForeignKey(
        "officials.Target",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("official"),
    )

    panels = [FieldPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = _("chosen official")
        verbose_name_plural = _("chosen officials")
