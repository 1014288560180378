"""Admin registrations for the translation workflow: the dashboard, "Submit for review",
the translators' locale boundary and the publish-time placeholder check."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page, TranslatableMixin

from home.roles import TRANSLATION_LANGUAGE
from translation import dashboard, po, review
from translation.permissions import is_translator_only
from translation.placeholders import translation_placeholder_errors
from translation.sync import carry_over_previous_translations


# order=-1: before wagtail-localize's own hook, so our views win the paths both register.
@hooks.register("register_admin_urls", order=-1)
def register_translation_urls():
    urls = [
        path("", dashboard.TranslationDashboardView.as_view(), name="dashboard"),
        path(
            "review/<int:page_id>/",
            review.submit_for_review,
            name="submit_for_review",
        ),
    ]
    return [
        path("translation/", include((urls, "translation"), namespace="translation")),
        # The same paths as wagtail-localize's routes, wrapped with Haven's checks.
        path(
            "localize/update/<int:translation_source_id>/",
            review.update_translations_without_bypassing_review,
        ),
        path(
            "localize/submit/page/<int:page_id>/",
            review.submit_page_translation_into_spanish,
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            review.submit_snippet_translation_into_spanish,
        ),
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            review.upload_pofile_reporting_placeholders,
        ),
        path(
            "localize/translate/<int:translation_id>/pofile/download/",
            po.download_pofile,
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            review.convert_to_alias_for_editors_only,
        ),
        path(
            "localize/translate/<int:translation_id>/disable/",
            review.stop_translation_for_editors_only,
        ),
    ]


class TranslationDashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return dashboard.can_see_dashboard(request.user)


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return TranslationDashboardMenuItem(
        gettext_lazy("Translation dashboard"),
        reverse("translation:dashboard"),
        name="translation-dashboard",
        icon_name="wagtail-localize-language",
        order=250,
    )


@hooks.register("register_page_listing_more_buttons")
def review_listing_button(page, user, next_url=None):
    button = review.review_button(page, user)
    if button is not None:
        yield button


@hooks.register("register_page_header_buttons")
def review_header_button(page, user, view_name=None, next_url=None):
    button = review.review_button(page, user)
    if button is not None:
        yield button


def _refuse_publish_with_placeholder_errors(request, instance):
    """Publishing from the translation editor is refused while a placeholder is wrong."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    translation = (
        review.translation_for(instance)
        if isinstance(instance, Page)
        else review.translation_for_snippet(instance)
    )
    if translation is None:
        return None
    errors = translation_placeholder_errors(translation)
    if not errors:
        return None
    for error in errors:
        messages.error(request, error)
    return redirect(request.path)


# Ordered before wagtail-localize's own before_edit_* hooks, which render its editor.
@hooks.register("before_edit_page", order=-10)
def check_translation_before_publishing_page(request, page):
    if (
        request.method == "POST"
        and "localize-convert-to-alias" in request.POST
        and not review.can_convert_to_alias(request.user, page)
    ):
        raise PermissionDenied
    if request.method == "GET":
        _carry_over(review.translation_for(page))
    return _refuse_publish_with_placeholder_errors(request, page)


def _carry_over(translation):
    if translation is not None:
        carry_over_previous_translations(translation)


@hooks.register("before_edit_snippet", order=-10)
def keep_translators_to_spanish_snippets(request, instance):
    """Snippet permissions are per model; translators may only touch the Spanish copy."""
    if isinstance(instance, TranslatableMixin):
        if is_translator_only(request.user):
            if instance.locale.language_code != TRANSLATION_LANGUAGE:
                raise PermissionDenied
            # Saving a snippet's translation makes it live at once: that is the
            # editors' call, as for pages. Translators' strings are kept meanwhile.
            if request.method == "POST" and request.POST.get("action") == "publish":
                raise PermissionDenied
        if request.method == "GET":
            _carry_over(review.translation_for_snippet(instance))
        return _refuse_publish_with_placeholder_errors(request, instance)
    return None


@hooks.register("before_delete_snippet", order=-10)
def translators_never_delete_snippets(request, instances):
    if is_translator_only(request.user):
        raise PermissionDenied


# Translators can never take a page offline. The page permission tester
# (home/roles.py) hides the buttons and Wagtail's views ask it; these hooks refuse the
# requests again, so a hand-made POST is refused whatever a view forgets to check.


@hooks.register("before_delete_page", order=-10)
def translators_never_delete_pages(request, page):
    """Wagtail lets "change" delete unpublished pages; a translator's drafts are kept."""
    if is_translator_only(request.user):
        raise PermissionDenied


@hooks.register("before_unpublish_page", order=-10)
def translators_never_unpublish_pages(request, page):
    if is_translator_only(request.user):
        raise PermissionDenied


@hooks.register("before_move_page", order=-10)
def translators_never_move_pages(request, page, destination):
    if is_translator_only(request.user):
        raise PermissionDenied


@hooks.register("construct_page_action_menu")
def hide_convert_to_alias_from_translators(menu_items, request, context):
    """wagtail-localize's "Convert to alias page" menu item checks only edit permission."""
    if is_translator_only(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "localize-convert-to-alias"]


@hooks.register("before_serve_page", order=-10)
def hide_cross_language_aliases(page, request, serve_args, serve_kwargs):
    """A "Sync from" alias shows English under /es/: treat it as not translated yet.

    The 404 handler then offers the English page with a Spanish notice.
    """
    if page.alias_of_id is None:
        return None
    if Page.objects.filter(id=page.alias_of_id).exclude(locale_id=page.locale_id).exists():
        raise Http404
    return None
