"""The campaign managers' "Supporter data" page: see, export or erase one address.

The address only ever travels in a POST body (never a URL or log), and every response
is `private, no-store`. Registered in supporters/wagtail_hooks.py.
"""

from django import forms
from django.apps import apps
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from actions.permissions import PERSONAL_DATA_REFUSAL, can_view_personal_data
from home.refusals import not_allowed
from supporters.privacy import collect, erase, export_json


def forbidden(request):
    return not_allowed(request, PERSONAL_DATA_REFUSAL)


class SupporterLookupForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    confirm = forms.BooleanField(
        label=_("I understand that erasing cannot be undone"), required=False
    )


def supporter_data(request):
    if not can_view_personal_data(request.user):
        return forbidden(request)
    held = None
    form = SupporterLookupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        address = form.cleaned_data["email"]
        operation = request.POST.get("operation", "show")
        if operation == "export":
            response = HttpResponse(export_json(address), content_type="application/json")
            response["Content-Disposition"] = 'attachment; filename="supporter-data.json"'
            response["Cache-Control"] = "private, no-store"
            return response
        if operation == "erase":
            if not form.cleaned_data["confirm"]:
                form.add_error("confirm", _("Tick the box to confirm the erasure."))
            else:
                result = erase(address, user=request.user)
                messages.success(
                    request,
                    _("Erased: %(responses)s response(s) anonymised, %(emails)s email(s) deleted.")
                    % result,
                )
                form = SupporterLookupForm()
        if form.is_bound:
            held = collect(address)
    response = TemplateResponse(
        request, "supporters/admin/supporter_data.html", {"form": form, "held": held}
    )
    response["Cache-Control"] = "private, no-store"
    return response


def send_update_now(request, page_id, update_key):
    """ "Send now" for a case update some supporters are waiting to read in their language:
    they get the published version, with a note in their language, without waiting for the
    end of the grace period. Asks for confirmation; only people who may publish the story.
    """
    from supporters.updates import notify_story_updates, waiting_counts

    story = apps.get_model("stories", "CaseStoryPage").objects.filter(pk=page_id).first()
    if story is None:
        raise Http404
    if not story.permissions_for_user(request.user).can_publish():
        return not_allowed(
            request,
            _(
                "Only people who may publish this story can send its update before the "
                "translation is ready."
            ),
        )
    update = next(
        (u for u in story.updates.all() if str(u.translation_key) == str(update_key)), None
    )
    if update is None:
        raise Http404
    edit_url = reverse("wagtailadmin_pages:edit", args=[story.pk])
    waiting = waiting_counts(story, [update]).get(update.translation_key, {})
    if request.method == "POST":
        if waiting:
            notify_story_updates.enqueue(story.pk, send_now=[str(update.translation_key)])
            messages.success(
                request,
                _("The update “%(headline)s” is being sent to the supporters who were waiting.")
                % {"headline": update.headline},
            )
        else:
            messages.info(request, _("Nobody is waiting for this update any more."))
        return HttpResponseRedirect(edit_url)
    return TemplateResponse(
        request,
        "supporters/admin/send_now_confirm.html",
        {
            "story": story,
            "update": update,
            "waiting": sum(waiting.values()),
            "edit_url": edit_url,
        },
    )
