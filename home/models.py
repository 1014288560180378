"""The home page, the page mixin every public page shares, and site-wide settings.

This module imports neither `stories` nor `actions`: other apps build on it, never the
reverse. Where the home page shows their content it refers to them by model name.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.forms import HavenPageForm
from home.roles import TranslatorPagePermissionTester
from home.seo import plain_text, webpage_data


class SingleChildTypeRouteMixin:
    """Routing for an index whose children are all one page type (`child_page_model`).

    Wagtail's `Page.route` finds a child with two queries (the generic page by slug, then
    its specific row) and the child's page then fetches its images separately. Here the
    child comes specific in one query with `child_select_related` joined, and keeps this
    page as its cached parent, so the most-shared pages stay within the query budget.
    Anything else (a subpage route of a `RoutablePageMixin`, which must come before this
    mixin in the bases, a child of another type, a missing slug) goes to Wagtail's route.
    """

    child_page_model = None  # "app_label.ModelName"
    child_select_related = ()

    def route(self, request, path_components):
        if path_components and self.child_page_model:
            from django.apps import apps

            model = apps.get_model(self.child_page_model)
            child = (
                model.objects.child_of(self)
                .filter(slug=path_components[0])
                .select_related(*self.child_select_related)
                .first()
            )
            if child is not None:
                # Treebeard's get_parent() reads this instead of querying.
                child._cached_parent_obj = self
                return child.route(request, path_components[1:])
        return super().route(request, path_components)


class BasePage(Page):
    """Fields every public page shares: the picture and text used when the page is shared."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("social sharing image"),
        help_text=_("Shown when the page is shared on social media. Needs alt text."),
    )

    promote_panels = [
        *Page.promote_panels,
        FieldPanel("social_image"),
    ]
    # Shows a slug clash (e.g. with an autosaved draft) at the top, not only on Promote.
    base_form_class = HavenPageForm

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        # Translators can never take a page offline (home/roles.py).
        return TranslatorPagePermissionTester(user, self)

    def get_social_description(self):
        """What link previews and search results show: the SEO description, else the page's
        own summary text (`social_description_fallback`), never personal data."""
        return self.search_description or plain_text(self.social_description_fallback())

    def social_description_fallback(self):
        return getattr(self, "intro", "") or ""

    def structured_data(self, card, publisher):
        """JSON-LD nodes for this page (see home/seo.py); subclasses say what they are."""
        return [webpage_data(card, publisher, self)]


class HomePage(BasePage):
    """One per language; the Spanish home is a wagtail-localize translation of the English."""

    template = "pages/home_page.html"
    parent_page_types = ["wagtailcore.Page"]

    heading = models.CharField(_("heading"), max_length=120)
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)
    stories_heading = models.CharField(
        _("featured stories heading"), max_length=80, default="Cases that need you now"
    )
    actions_heading = models.CharField(_("open actions heading"), max_length=80, default="Act now")

    content_panels = [
        *Page.content_panels,
        FieldPanel("heading"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("stories_heading"), InlinePanel("featured_stories", max_num=6)],
            heading=_("Featured case stories"),
        ),
        FieldPanel("actions_heading"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("home page")

    def social_title(self, organisation):
        """The organisation and what it does ("Haven — Case stories and urgent actions"),
        unless the editor wrote an SEO title."""
        if self.seo_title or organisation is None:
            return self.seo_title or self.title
        if organisation.tagline:
            return f"{organisation.name} — {organisation.tagline}"
        return organisation.name

    def structured_data(self, card, publisher):
        """The home page describes the site and the organisation behind it."""
        website = {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": card.site_name,
            "url": card.url,
            "inLanguage": card.language,
            "publisher": {"@id": publisher["@id"]},
        }
        if card.description:
            website["description"] = card.description
        return [website, {"@context": "https://schema.org", **publisher}]

    def get_featured_stories(self):
        """The chosen stories in the reader's language, live ones only, in editor order.

        The same rule as `Page.localized` (the live translation in the reader's language,
        else the chosen page), resolved for all stories at once: a constant number of
        queries however many are featured.
        """
        from home.locales import active_locale

        chosen = [item.page for item in self.featured_stories.select_related("page")]
        chosen = [page for page in chosen if page is not None]
        if not chosen:
            return []
        locale = active_locale()
        keys = [page.translation_key for page in chosen]
        candidates = (
            Page.objects.live()
            .filter(translation_key__in=keys)
            .filter(models.Q(locale=locale) | models.Q(pk__in=[page.pk for page in chosen]))
            .specific()
        )
        translated, originals = {}, {}
        for page in candidates:
            if page.locale_id == locale.pk:
                translated[page.translation_key] = page
            originals[page.pk] = page
        featured = []
        for page in chosen:
            story = translated.get(page.translation_key) or originals.get(page.pk)
            if story is not None and story not in featured:
                featured.append(story)
        return featured


class HomeFeaturedStory(Orderable):
    """A story the editor pins to the home page; synchronised, resolved per language."""

    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_stories")
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("case story"),
    )

    panels = [PageChooserPanel("page", page_type="stories.CaseStoryPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured case story")
        verbose_name_plural = _("featured case stories")


@register_snippet
class OrganisationDetails(TranslatableMixin, models.Model):
    """The organisation's name and words, one per language.

    Wagtail's site settings cannot be translated yet (wagtail#11508), so the translatable
    text lives in this snippet and the site setting points at it.
    """

    name = models.CharField(_("organisation name"), max_length=120)
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    footer_note = models.TextField(_("footer note"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("tagline"), FieldPanel("footer_note")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation details")
        verbose_name_plural = _("organisation details")

    def __str__(self):
        return self.name


@register_setting(icon="site")
class HavenSettings(BaseSiteSetting):
    """Site-wide settings; the text parts come from a translatable OrganisationDetails."""

    organisation = models.ForeignKey(
        OrganisationDetails,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation details"),
        help_text=_("Name, tagline and footer, translated in the Snippets area."),
    )
    donate_url = models.URLField(_("donate link"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy policy page"),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    # The sending address itself stays in DEFAULT_FROM_EMAIL (the mail server must be allowed
    # to send for its domain); editors choose the name readers see and where replies go.
    email_from_name = models.CharField(
        _("sender name on emails"),
        max_length=100,
        blank=True,
        help_text=_("The name supporters see as the sender, e.g. “Haven Network”."),
    )
    email_reply_to = models.EmailField(
        _("reply-to address"),
        blank=True,
        help_text=_("Where supporters' replies go. Empty: the environment's default, if any."),
    )

    panels = [
        FieldPanel("organisation"),
        FieldPanel("donate_url"),
        PageChooserPanel("privacy_page"),
        FieldPanel("contact_email"),
        MultiFieldPanel(
            [FieldPanel("email_from_name"), FieldPanel("email_reply_to")],
            heading=_("Supporter emails"),
        ),
    ]

    class Meta:
        verbose_name = _("Haven settings")


class StandardPage(BasePage):
    """A plain content page: privacy policy, about, contact."""

    template = "pages/standard_page.html"
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    body = RichTextField(
        _("body"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"], blank=True
    )

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")

    def social_description_fallback(self):
        return self.body


HomePage.override_translatable_fields = [
    TranslatableField("heading"),
    TranslatableField("intro"),
    TranslatableField("stories_heading"),
    TranslatableField("actions_heading"),
    SynchronizedField("social_image"),
]
