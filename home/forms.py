"""The admin form every Haven page uses.

Wagtail 8 autosaves a new page as a draft while the editor types. An editor who leaves that
page and starts again with the same title gets "slug already in use" — shown only beside the
slug field on the Promote tab, while they are on the Content tab wondering why nothing
saves. This form repeats the error at the top of the page, naming the other page (usually
the forgotten autosaved draft) and saying what to do.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page


class HavenPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        slug = self.data.get("slug") or cleaned_data.get("slug")
        if "slug" in self.errors and slug and self.parent_page is not None:
            other = (
                Page.objects.child_of(self.parent_page)
                .filter(slug=slug)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if other is not None:
                state = _("a draft, perhaps saved automatically") if not other.live else _("live")
                self.add_error(
                    None,
                    _(
                        "The address “%(slug)s” is already used by “%(title)s” (%(state)s) in "
                        "the same section. Change the slug on the Promote tab, or delete or "
                        "reuse that page."
                    )
                    % {"slug": slug, "title": other.get_admin_display_title(), "state": state},
                )
        return cleaned_data
