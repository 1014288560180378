"""Hand a finished translation to an editor: "Submit for review".

wagtail-localize's editor offers no workflow button to a translator who may edit but not
publish. This view saves the translation as a draft revision of the Spanish page (the
strings live in wagtail-localize's records until then) and starts the page's workflow,
"Spanish review", where an editor approves and so publishes it.

The translator may keep fixing strings while the page waits: approval publishes the
translation as it is then (translation/finish.py, Wagtail's WAGTAIL_FINISH_WORKFLOW_ACTION),
not the revision saved at submission, and tells the editor it worked
(`workflow_action_saying_it_worked`).
"""

import functools

from django import forms
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.widgets.button import Button
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from home.roles import TRANSLATION_LANGUAGE
from translation.permissions import is_translator_only
from translation.placeholders import translation_placeholder_errors


def translation_for(page):
    """The enabled wagtail-localize Translation whose target is `page`, or None."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key,
            target_locale_id=page.locale_id,
            enabled=True,
        )
        .select_related("source", "target_locale")
        .first()
    )


def translation_for_snippet(instance):
    """The enabled wagtail-localize Translation whose target is the snippet `instance`."""
    return Translation.objects.filter(
        source__object_id=instance.translation_key,
        target_locale_id=instance.locale_id,
        enabled=True,
    ).first()


def save_draft_revision(translation, user):
    """A draft revision with the current strings: what the editor reviews and publishes.

    `Translation.save_target(publish=False)` would also write the draft (with English
    standing in for untranslated strings) into the page's own row, which is what a live
    page serves: the Spanish reader would see English before any review. A revision built
    from wagtail-localize's ephemeral instance leaves the live row untouched.
    """
    try:
        target = translation.get_target_instance()
    except ObjectDoesNotExist:
        target = None
    if target is None or not target.live:
        translation.save_target(user=user, publish=False)
        return
    draft = translation.source.get_ephemeral_translated_instance(
        translation.target_locale, fallback=True
    )
    draft.save_revision(user=user)


def workflow_action_saying_it_worked(request, page_id, action_name, task_state_id):
    """Wagtail's workflow action view (approve, request changes), plus a success message
    once an approval has published the page: Wagtail's own view says nothing."""
    from wagtail.admin.viewsets.pages import page_viewset_registry
    from wagtail.models import TaskState

    view = page_viewset_registry.as_view("workflow_action", page_id_kwarg="page_id")
    response = view(request, page_id=page_id, action_name=action_name, task_state_id=task_state_id)
    if request.method == "POST" and action_name == "approve":
        state = TaskState.objects.filter(pk=task_state_id).select_related("workflow_state")
        state = state.first()
        if state is not None and state.status == TaskState.STATUS_APPROVED:
            page = Page.objects.get(pk=page_id)
            if state.workflow_state.status == state.workflow_state.STATUS_APPROVED:
                text = _("'%(title)s' was approved and is now live.")
            else:
                text = _("'%(title)s' was approved and moves to the next review step.")
            messages.success(request, text % {"title": page.get_admin_display_title()})
    return response


def review_blockers(translation, total=None, done=None):
    """Why this translation cannot go to review yet: untranslated strings (an approved
    page would show them in English) and placeholder problems."""
    if total is None:
        total, done = translation.get_progress()
    blockers = []
    if done < total:
        blockers.append(
            ngettext(
                "%(count)s string still needs Spanish.",
                "%(count)s strings still need Spanish.",
                total - done,
            )
            % {"count": total - done}
        )
    return blockers + translation_placeholder_errors(translation)


def can_submit_for_review(user, page):
    perms = page.permissions_for_user(user)
    return perms.can_edit() and page.get_workflow() is not None


def review_button(page, user):
    """The "Submit translation for review" button for a Spanish page `user` may send to
    review, else None (page listing, page header and the translation editor's header)."""
    if page.locale.language_code != TRANSLATION_LANGUAGE or page.workflow_in_progress:
        return None
    if translation_for(page) is None:
        return None
    if not can_submit_for_review(user, page):
        return None
    return Button(
        _("Submit translation for review"),
        reverse("translation:submit_for_review", args=[page.id]),
        icon_name="resubmit",
        priority=61,
    )


def submit_for_review(request, page_id):
    page = get_object_or_404(Page, id=page_id).specific
    translation = translation_for(page)
    if translation is None:
        raise Http404
    if not can_submit_for_review(request.user, page):
        raise PermissionDenied
    back = reverse("translation:dashboard")
    if page.workflow_in_progress:
        messages.warning(request, _("This translation is already waiting for review."))
        return redirect(back)

    total, done = translation.get_progress()
    errors = review_blockers(translation, total, done)
    if request.method != "POST":
        return TemplateResponse(
            request,
            "translation/admin/submit_for_review.html",
            {
                "page": page,
                "translation": translation,
                "total": total,
                "done": done,
                "errors": errors,
                "edit_url": reverse("wagtailadmin_pages:edit", args=[page.id]),
                "back_url": back,
            },
        )

    if errors:
        for error in errors:
            messages.error(request, error)
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.id]))

    save_draft_revision(translation, request.user)
    page = page.specific_class.objects.get(pk=page.pk)
    page.get_workflow().start(page, request.user)
    messages.success(
        request,
        _("'%(title)s' was sent to the editors for review.")
        % {"title": page.get_admin_display_title()},
    )
    return redirect(back)


def _may_publish_every_target(user, source):
    """False when any page this source's translations would publish is one `user` may not
    publish (a translator's Spanish page)."""
    for translation in source.translations.filter(enabled=True):
        try:
            target = translation.get_target_instance()
        except Exception:  # noqa: BLE001, S112 - no target yet: nothing published
            continue
        if isinstance(target, Page) and not target.permissions_for_user(user).can_publish():
            return False
    return True


@functools.cache
def _update_translations_view():
    """wagtail-localize's sync view, with "Publish immediately" kept from anyone who may
    not publish every translated page: they are not offered the box at all."""
    from wagtail_localize.views.update_translations import UpdateTranslationsView

    class UpdateTranslationsForReview(UpdateTranslationsView):
        def get_form(self):
            form = super().get_form()
            if not _may_publish_every_target(self.request.user, self.object):
                field = form.fields["publish_translations"]
                field.widget, field.disabled = forms.HiddenInput(), True
            return form

    return UpdateTranslationsForReview.as_view()


def update_translations_without_bypassing_review(request, translation_source_id):
    """wagtail-localize's "Sync translated pages", minus "Publish immediately" for anyone
    who may not publish the translated pages (it only checks submit_translation): the box
    is not shown to them, and a post that asks for it anyway is refused."""
    from wagtail_localize.models import TranslationSource

    if request.method == "POST" and request.POST.get("publish_translations"):
        source = get_object_or_404(TranslationSource, id=translation_source_id)
        if not _may_publish_every_target(request.user, source):
            raise PermissionDenied
    return _update_translations_view()(request, translation_source_id=translation_source_id)


def convert_to_alias_for_editors_only(request, page_id):
    """wagtail-localize's "Convert to alias page", for those the page permission tester
    allows (home/roles.py): it replaces a live translation with a copy of the source
    page, so it is not a translator's call."""
    from wagtail_localize.views.convert import convert_to_alias

    page = get_object_or_404(Page, id=page_id)
    if not can_convert_to_alias(request.user, page):
        raise PermissionDenied
    return convert_to_alias(request, page_id)


def stop_translation_for_editors_only(request, translation_id):
    """wagtail-localize's "Stop Synced translation", for editors only: it cuts the Spanish
    page loose from the English one (no more syncs, gone from the dashboard's progress),
    which is not a translator's call. The translator's editor does not show the button."""
    from wagtail_localize.views.edit_translation import stop_translation

    if is_translator_only(request.user):
        raise PermissionDenied
    return stop_translation(request, translation_id)


def can_convert_to_alias(user, page):
    perms = page.permissions_for_user(user)
    check = getattr(perms, "can_convert_to_alias", perms.can_edit)  # pages outside Haven's
    return check()


def upload_pofile_reporting_placeholders(request, translation_id):
    """wagtail-localize's PO upload, then the placeholder problems it brought in, named,
    so a translator working offline learns at once which strings were refused."""
    from wagtail_localize.views.edit_translation import upload_pofile

    response = upload_pofile(request, translation_id)
    if request.method == "POST":
        translation = Translation.objects.filter(id=translation_id).first()
        if translation is not None:
            for error in translation_placeholder_errors(translation):
                messages.error(request, error)
    return response


def _only_into_spanish(request, source_locale_id):
    """Translators start translations from English into Spanish only (never create English
    pages or snippets from Spanish ones)."""
    if not is_translator_only(request.user):
        return
    if source_locale_id != Locale.get_default().id:
        raise PermissionDenied
    if request.method == "POST":
        wanted = set(request.POST.getlist("locales"))
        spanish = {
            str(pk)
            for pk in Locale.objects.filter(language_code=TRANSLATION_LANGUAGE).values_list(
                "pk", flat=True
            )
        }
        if not wanted <= spanish:
            raise PermissionDenied


def submit_page_translation_into_spanish(request, page_id):
    from wagtail_localize.views.submit_translations import SubmitPageTranslationView

    page = get_object_or_404(Page, id=page_id)
    _only_into_spanish(request, page.locale_id)
    return SubmitPageTranslationView.as_view()(request, page_id=page_id)


def submit_snippet_translation_into_spanish(request, app_label, model_name, pk):
    from django.apps import apps
    from wagtail_localize.views.submit_translations import SubmitSnippetTranslationView

    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as err:
        raise Http404 from err
    instance = get_object_or_404(model, pk=pk)
    _only_into_spanish(request, getattr(instance, "locale_id", None))
    return SubmitSnippetTranslationView.as_view()(
        request, app_label=app_label, model_name=model_name, pk=pk
    )
