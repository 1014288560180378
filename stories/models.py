"""Case stories: the people behind each urgent action."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from home.models import BasePage


class CaseIndexPage(BasePage):
    """Lists the case stories of one language."""

    template = "pages/case_index_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["stories.CaseStoryPage"]

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("case index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stories"] = (
            CaseStoryPage.objects.child_of(self).live().order_by("-first_published_at")
        )
        return context


class CaseStoryPage(BasePage):
    """The story of one person or family, kept current with dated updates."""

    template = "pages/case_story_page.html"
    parent_page_types = ["stories.CaseIndexPage"]
    subpage_types = []

    summary = models.TextField(_("summary"), max_length=400)

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    class Meta:
        verbose_name = _("case story")
