"""Editor panels of an urgent action that show things about the page, not fields of it."""

from django.utils import translation
from django.utils.html import format_html
from wagtail.admin.panels import Panel


class EmbedSnippetPanel(Panel):
    """The iframe code a partner site pastes to show this action's count and goal, in each
    language the action is published in, and the address of its open data."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "actions/admin/embed_panel.html"

        def get_context_data(self, parent_context=None):
            from actions.api import widget_url

            context = super().get_context_data(parent_context)
            page = self.instance
            snippets, api_url = [], None
            site = page.get_site() if page.pk else None
            if site is not None:
                root = site.root_url
                for other in page.get_translations(inclusive=True).live().select_related("locale"):
                    code = other.locale.language_code
                    with translation.override(code):
                        language = translation.get_language_info(code)["name_translated"]
                    src = root + widget_url(None, page.translation_key, code)
                    snippets.append({"language": language, "html": iframe_code(src, other.title)})
                api_url = f"{root}/api/v1/actions/{page.translation_key}.json"
            context.update(snippets=snippets, api_url=api_url)
            return context


def iframe_code(src, title):
    """The HTML a partner pastes (escaped here once; the admin template shows it as text)."""
    return str(
        format_html(
            '<iframe src="{}" title="{}" width="100%" height="230" '
            'style="border:0;max-width:36rem" loading="lazy"></iframe>',
            src,
            title,
        )
    )
