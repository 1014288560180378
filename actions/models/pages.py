"""Urgent action pages and the index that lists them."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from home.models import BasePage

__all__ = ["ActionIndexPage", "UrgentActionPage"]


class ActionIndexPage(BasePage):
    """Lists the open urgent actions of one language."""

    template = "pages/action_index_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["actions.UrgentActionPage"]

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("urgent actions index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["actions"] = UrgentActionPage.objects.child_of(self).live().order_by("deadline")
        return context


class UrgentActionPage(BasePage):
    """One ask of readers: sign, call or email, before a deadline."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        WON = "won", _("Won")

    template = "pages/urgent_action_page.html"
    parent_page_types = ["actions.ActionIndexPage"]
    subpage_types = []

    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("The ask, in a sentence or two.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    signature_goal = models.PositiveIntegerField(_("signature goal"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("deadline"), FieldPanel("signature_goal")],
            heading=_("Status and deadline"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    class Meta:
        verbose_name = _("urgent action")

    @classmethod
    def attach_counts(cls, pages):
        """Set `response_count` on each page with a constant number of queries.

        Story pages and indexes call this for their cards so their query count does not
        grow with the number of actions. The count is shared by every translation of an
        action (it belongs to the translation group, not to one language's page).
        Until responses exist every count is zero.
        """
        for page in pages:
            page.response_count = 0
        return pages

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
