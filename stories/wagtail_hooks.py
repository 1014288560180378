"""Admin wiring for case stories: consent records, the take-down action and its log entry,
and a guard that refuses publishing without consent."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages as admin_messages
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from stories.forms import ConsentRecordForm
from stories.models import CaseStoryPage, ConsentRecord
from stories.models.pages import PUBLISH_REFUSED_ACTION
from stories.views import TAKE_DOWN_ACTION, can_take_down, take_down


class BackToStoryMixin:
    """After saving a consent record the editor is back on the story it is for (where they
    came from, to publish it), with a link to every consent record in the message."""

    def get_success_url(self):
        story = self.object.story_page()
        if story is None:
            return super().get_success_url()
        return reverse("wagtailadmin_pages:edit", args=[story.pk])

    def get_success_buttons(self):
        return [
            admin_messages.button(reverse("consent_records:index"), _("All consent records")),
            *super().get_success_buttons(),
        ]


class ConsentRecordEditView(BackToStoryMixin, EditView):
    pass


class ConsentRecordCreateView(BackToStoryMixin, CreateView):
    def get_initial(self):
        """Pre-select the story when the editor comes from the story's consent panel."""
        initial = super().get_initial()
        story_id = self.request.GET.get("story", "")
        if story_id.isdigit():
            initial["story"] = int(story_id)
        return initial


class ConsentRecordViewSet(ModelViewSet):
    model = ConsentRecord
    add_view_class = ConsentRecordCreateView
    edit_view_class = ConsentRecordEditView
    icon = "lock"
    menu_label = _("Consent records")
    menu_order = 250
    add_to_admin_menu = True
    name = "consent_records"
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "story_title",
        "given_on",
        "covers_story_text",
        "covers_photo_text",
        "covers_name_text",
        "withdrawn_on",
    ]
    list_filter = ["covers_photo", "covers_name"]
    edit_handler = ObjectList(
        [
            FieldPanel("story"),
            FieldRowPanel([FieldPanel("given_by_role"), FieldPanel("given_by")]),
            FieldPanel("given_on"),
            MultiFieldPanel(
                [FieldPanel("covers_story"), FieldPanel("covers_photo"), FieldPanel("covers_name")],
                heading=_("What the consent covers"),
            ),
            FieldPanel("notes"),
            FieldPanel("withdrawn_on"),
        ],
        base_form_class=ConsentRecordForm,
    )


@hooks.register("register_admin_viewset")
def register_consent_records():
    return ConsentRecordViewSet()


@hooks.register("register_admin_urls")
def register_take_down_url():
    return [path("stories/take-down/<int:page_id>/", take_down, name="stories_take_down")]


@hooks.register("register_log_actions")
def register_take_down_log(actions):
    actions.register_action(
        TAKE_DOWN_ACTION,
        _("Take down"),
        _("Taken down in every language at the person's request"),
    )
    actions.register_action(
        PUBLISH_REFUSED_ACTION,
        _("Publishing refused"),
        _("Scheduled publishing cancelled: the consent on file does not cover this story"),
    )


def _can_take_down(page, user):
    return isinstance(page.specific_deferred, CaseStoryPage) and can_take_down(page, user)


class TakeDownMenuItem(ActionMenuItem):
    label = _("Take down in every language")
    name = "action-take-down"
    icon_name = "warning"
    order = 60

    def is_shown(self, context):
        if context["view"] != "edit":
            return False
        return _can_take_down(context["page"], context["request"].user)

    def get_url(self, context):
        return reverse("stories_take_down", args=[context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_take_down_menu_item():
    return TakeDownMenuItem()


class TakeDownListingButton(PageMenuItem):
    label = _("Take down in every language")
    icon_name = "warning"
    priority = 45

    @property
    def url(self):
        return reverse("stories_take_down", args=[self.page.pk])

    def is_shown(self, user):
        return _can_take_down(self.page, user)


@hooks.register("register_page_listing_more_buttons")
def take_down_listing_button(page, user, next_url=None):
    yield TakeDownListingButton(page=page)


def _refuse_without_consent(request, page):
    """Back to the story's editor with the consent problems, or None when there are none."""
    page = page.specific
    if not isinstance(page, CaseStoryPage):
        return None
    problems = page.consent_problems()
    if not problems:
        return None
    for problem in problems:
        messages.error(request, problem)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_publish_page")
def refuse_publishing_without_consent(request, page):
    """Second guard for the editor's publish button (the form refuses first): the draft
    has just been saved, so nothing is lost; publishing is refused with the reason."""
    return _refuse_without_consent(request, page)


@hooks.register("before_edit_page", order=-10)
def refuse_translation_publish_without_consent(request, page):
    """The translation editor publishes with `action=publish`; refuse it with the same
    clear message before wagtail-localize's own hook handles the request."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    return _refuse_without_consent(request, page)


@hooks.register("before_bulk_action")
def refuse_bulk_publish_without_consent(request, action_type, objects, action):
    """Bulk "Publish" (optionally with descendants) must not publish a story without
    consent: refuse the whole action with the titles, before anything is published."""
    if action_type != "publish":
        return None
    stories = []
    for page in objects:
        if isinstance(page.specific_deferred, CaseStoryPage):
            stories.append(page.specific)
        stories.extend(CaseStoryPage.objects.descendant_of(page).not_live())
    refused = [
        story for story in stories if story.get_latest_revision_as_object().consent_problems()
    ]
    if not refused:
        return None
    messages.error(
        request,
        _(
            "Nothing was published: these case stories lack consent on file for what they "
            "show: %(titles)s"
        )
        % {"titles": ", ".join(story.get_admin_display_title() for story in refused)},
    )
    return redirect(action.next_url)
