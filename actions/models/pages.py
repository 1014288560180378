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

    @property
    def is_open(self):
        """Open means accepting responses: status open and the deadline not passed."""
        if self.status != self.Status.OPEN:
            return False
        return self.deadline is None or self.deadline > timezone.now()
