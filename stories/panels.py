"""An editor panel that shows whether consent is on file, without putting it in the page."""

from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from wagtail import hooks
from wagtail.admin.panels import Panel


class ConsentStatusPanel(Panel):
    """Shows the story's consent coverage and links to its consent records.

    The records are a separate model (see stories.models.consent); this panel only reads
    them, so nothing about consent enters the page form, its revisions or translations.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "stories/admin/consent_status_panel.html"

        def get_context_data(self, parent_context=None):
            from stories.models.consent import ConsentCoverage, ConsentRecord

            context = super().get_context_data(parent_context)
            page = self.instance
            saved = bool(page.pk)
            records = []
            coverage = ConsentCoverage()
            if saved:
                records = list(ConsentRecord.objects.for_key(page.translation_key)[:10])
                coverage = ConsentCoverage.for_key(page.translation_key)
            try:
                add_url = reverse("consent_records:add")
                index_url = reverse("consent_records:index")
            except NoReverseMatch:  # the viewset is not registered (e.g. in a bare test)
                add_url = index_url = None
            if add_url and saved:
                add_url += f"?story={page.pk}"
            context.update(
                saved=saved,
                records=records,
                coverage=coverage,
                add_url=add_url,
                index_url=index_url,
            )
            return context


class SupporterEmailsPanel(Panel):
    """Read-only: what happened to the emails of this story's ticked updates.

    The stories app does not know who was emailed: the content comes from whoever
    registers the `story_supporter_emails_panel` hook (the supporters app), each hook
    returning HTML for the story. Without one, the panel is not shown.
    """

    class BoundPanel(Panel.BoundPanel):
        def is_shown(self):
            return bool(hooks.get_hooks(PANEL_HOOK)) and super().is_shown()

        def render_html(self, parent_context=None):
            request = (parent_context or {}).get("request") or self.request
            parts = [fn(self.instance, request) for fn in hooks.get_hooks(PANEL_HOOK)]
            return mark_safe("".join(str(part) for part in parts))  # noqa: S308  (hooks' HTML)


PANEL_HOOK = "story_supporter_emails_panel"
