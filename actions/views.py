"""What happens when a reader acts: sign, call, email, the thank-you step and the count.

Every POST answers with Post/Redirect/Get: the redirect carries nothing personal (the
session remembers that this browser acted on this action). A repeated signature gets
exactly the same redirect and thank-you page as a first one.
"""

import logging
import secrets
from urllib.parse import quote

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

from actions import counting, ratelimit
from actions.blocks import fill_placeholders
from actions.forms import (
    CallLogForm,
    EmailSentForm,
    SignForm,
    ZipStepForm,
    started_token,
)
from actions.models import ActionResponse
from actions.notifications import queue_confirmation_safely

logger = logging.getLogger(__name__)
SESSION_KEY = "actions_done"


def _lookup(zip_code, state=None, district=None):
    """The ZIP lookup, when the officials work is installed; never raises."""
    try:
        from actions.lookup import lookup_zip
    except ImportError:
        return None
    try:
        return lookup_zip(zip_code, state=state or None, district=district or None)
    except Exception:  # a lookup failure must never cost a reader their action
        logger.exception("ZIP lookup failed")
        return None


def _seat(lookup):
    """(state, district) as stored on a response; blanks when the lookup could not tell.
    District 0 is an at-large seat and is kept as "0"."""
    if lookup is None:
        return "", ""
    state = getattr(lookup, "state", None) or ""
    choices = tuple(getattr(lookup, "state_choices", ()) or ())
    if not state and len(choices) == 1:
        first = choices[0]
        state = first[0] if isinstance(first, (tuple, list)) else first
    district = getattr(lookup, "district", None)
    return str(state)[:2], "" if district is None else str(district)[:4]


def _sub_url(page, request, name):
    # A page being previewed before its first save has no URL yet.
    base = page.get_url(request)
    return base + page.reverse_subpage(name) if base else ""


def _initial():
    return {"started": started_token()}


def build_context(request, page, **extra):
    UrgentActionPageCounts = type(page)
    UrgentActionPageCounts.attach_counts([page])
    context = page.get_context(request)
    context.update(
        {
            "sign_form": SignForm(initial=_initial(), prefix="sign"),
            "call_zip_form": ZipStepForm(
                initial=_initial(), auto_id="id_call_%s", zip_required=_needs_zip(page, "call")
            ),
            "email_zip_form": ZipStepForm(
                initial=_initial(), auto_id="id_email_%s", zip_required=_needs_zip(page, "email")
            ),
            "sign_url": _sub_url(page, request, "sign"),
            "call_url": _sub_url(page, request, "call"),
            "email_url": _sub_url(page, request, "email"),
            "count_url": _sub_url(page, request, "count"),
            "case_stories": page.get_case_stories(),
            "public_signers": public_signers(page),
        }
    )
    context.update(extra)
    return context


def public_signers(page, limit=8):
    """The latest signers who asked to be shown: first name and place only."""
    return list(
        ActionResponse.objects.filter(
            action_key=page.translation_key, kind=ActionResponse.Kind.SIGN, show_publicly=True
        ).only("first_name", "city", "state")[:limit]
    )


def render_page(request, page, status=200, **extra):
    return TemplateResponse(
        request, page.get_template(request), build_context(request, page, **extra), status=status
    )


def action_page(request, page):
    return render_page(request, page)


def _guard(request, page, kind):
    """Answer a POST that must not be processed: wrong method, a way to act this page does
    not offer, rate-limited, or closed."""
    if request.method != "POST" or page.block_of_kind(kind) is None:
        return HttpResponseRedirect(page.get_url(request))
    wait = ratelimit.flood_wait(request)
    if wait:
        return too_many_requests(request, wait)
    if not page.is_open:
        return render_page(request, page, status=409)
    return None


def too_many_requests(request, wait=60):
    response = TemplateResponse(request, "429.html", {"wait_minutes": max(1, -(-wait // 60))})
    response.status_code = 429
    response["Retry-After"] = str(wait)
    return response


def _mark_done(request, page, kind):
    done = dict(request.session.get(SESSION_KEY, {}))
    done[str(page.translation_key)] = kind
    request.session[SESSION_KEY] = done


def _thanks_redirect(request, page):
    return HttpResponseRedirect(_sub_url(page, request, "thanks"), status=303)


# Sign ------------------------------------------------------------------------------------


def sign(request, page):
    refused = _guard(request, page, "sign")
    if refused:
        return refused
    form = SignForm(request.POST, prefix="sign")
    if not form.is_valid():
        form.fresh_started()
        return render_page(request, page, sign_form=form, open_step="sign")
    if form.is_bot:
        return _thanks_redirect(request, page)
    data = form.cleaned_data
    verdict = ratelimit.assess(request, counting.canonical_email(data["email"]))
    if verdict.wait:
        return too_many_requests(request, verdict.wait)
    record_signature(page, data, translation.get_language(), held=verdict.held)
    _mark_done(request, page, ActionResponse.Kind.SIGN)
    return _thanks_redirect(request, page)


def record_signature(page, data, language, held=False):
    """Store one signature per person per action; a repeat changes nothing.

    A held signature (busy shared address) is stored but neither counted nor mailed until
    an organiser releases it (`release_held`)."""
    zip_code = data["zip_code"]
    state, district = _seat(_lookup(zip_code))
    response = ActionResponse(
        action_key=page.translation_key,
        page=page,
        kind=ActionResponse.Kind.SIGN,
        language=language or "",
        first_name=data["first_name"],
        last_name=data["last_name"],
        email=data["email"],
        email_canonical=counting.canonical_email(data["email"]),
        zip_code=zip_code,
        city=data.get("city", ""),
        state=state,
        district=district,
        show_publicly=data.get("show_publicly", False),
        opt_in=data.get("opt_in", False),
        held_for_review=held,
    )
    if response.opt_in:
        response.consent_text = str(SignForm.base_fields["opt_in"].label)
        response.consent_at = timezone.now()
    try:
        with transaction.atomic():
            response.save()
            # Same transaction: no email without the signature, none for a repeat.
            if not held:
                queue_confirmation_safely(response, page)
    except IntegrityError:
        return False
    return True


# Call and email: a ZIP step, then the personalised script or message ----------------------


def _officials(lookup):
    if lookup is None or getattr(lookup, "status", "") != "ok":
        return []
    return list(getattr(lookup, "officials", []) or [])


def _chosen_targets(page):
    return page.get_chosen_targets()


def _people(page, block, lookup):
    """Whom this reader contacts: chosen officials and/or their own, by ZIP."""
    mode = block.value.get("recipients", "zip") if block else page.recipients
    people = []
    if mode in ("chosen", "both"):
        people += _chosen_targets(page)
    if mode in ("zip", "both"):
        people += _officials(lookup)
    return people


def _placeholder_values(data, lookup):
    return {
        "first_name": data.get("first_name") or "",
        "city": data.get("city") or "",
        "state": (getattr(lookup, "state", "") or "") if lookup else "",
    }


def _needs_zip(page, kind):
    """Only calls and emails to the reader's own members of Congress need their ZIP code."""
    block = page.block_of_kind(kind)
    return block is None or block.value.get("recipients", "zip") != "chosen"


def _zip_step(request, page, kind, form):
    """Validate the ZIP step and build what the reader needs to call or write.

    A ZIP shared by several states or districts comes back with the lookup's choices and
    no script yet; the reader picks, and the same form is posted again.
    """
    block = page.block_of_kind(kind)
    data = form.cleaned_data
    lookup = _lookup(data["zip"], data.get("state"), data.get("district")) if data["zip"] else None
    if lookup is not None and lookup.status in ("choose_state", "choose_district"):
        form.fresh_started()
        return {"choose": True, "lookup": lookup, "zip_form": form}
    values = _placeholder_values(data, lookup)
    template = (
        (block.value.get("script") if kind == "call" else block.value.get("body")) if block else ""
    )
    entries = []
    for person in _people(page, block, lookup):
        name = f"{getattr(person, 'display_title', '')} {getattr(person, 'full_name', '')}".strip()
        entries.append(
            {
                "person": person,
                "name": name,
                "text": fill_placeholders(template, {**values, "official": name}),
            }
        )
    if block and kind == "call":
        for number in block.value.get("numbers") or []:
            entries.append(
                {
                    "name": number["label"],
                    "phone": number["number"],
                    "tel": "tel:" + "".join(c for c in number["number"] if c.isdigit() or c == "+"),
                    "text": fill_placeholders(template, {**values, "official": number["label"]}),
                }
            )
    # The one message the reader edits: addressed by name when there is one recipient.
    salutation = entries[0]["name"] if len(entries) == 1 else _("Sir or Madam")
    generic = fill_placeholders(template, {**values, "official": salutation})
    state, district = _seat(lookup)
    carried = {
        **_initial(),
        "zip": data["zip"],
        "state": state,
        "district": district,
        "token": secrets.token_urlsafe(24),
    }
    result = {"lookup": lookup, "entries": entries, "message": generic}
    if kind == "call":
        result["log_form"] = CallLogForm(initial=carried, prefix="log")
    else:
        subject = fill_placeholders(block.value.get("subject", "") if block else "", values)
        addresses = list(block.value.get("addresses") or []) if block else []
        result["subject"] = subject
        result["mailto"] = (
            "mailto:" + ",".join(addresses) + f"?subject={quote(subject)}&body={quote(generic)}"
        )
        result["sent_form"] = EmailSentForm(
            initial={**carried, "subject": subject, "body": generic}, prefix="sent"
        )
    return result


def _carried_seat(data):
    """What a call or email response keeps: the seat, for reports, and not the ZIP code
    (the lookup promises readers it does not keep it)."""
    district = data.get("district")
    return {
        "state": data.get("state") or "",
        "district": "" if district is None else str(district),
    }


def _log_once(request, page, kind, token, language, **fields):
    """Store one call or email log per form submission; held when the address is busy."""
    if "held_for_review" not in fields:
        fields["held_for_review"] = ratelimit.assess(request).held
    response = ActionResponse(
        action_key=page.translation_key,
        page=page,
        kind=kind,
        language=language or "",
        submission_token=token,
        **fields,
    )
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:
        return False
    return True


def call(request, page):
    refused = _guard(request, page, "call")
    if refused:
        return refused
    if request.POST.get("step") == "log":
        form = CallLogForm(request.POST, prefix="log")
        if not form.is_valid():
            form.fresh_started()
            return render_page(request, page, call_state={"log_form": form}, open_step="call")
        if form.is_bot:
            return _thanks_redirect(request, page)
        data = form.cleaned_data
        _log_once(
            request,
            page,
            ActionResponse.Kind.CALL,
            data["token"],
            translation.get_language(),
            outcome=data["outcome"],
            official=data.get("official", ""),
            **_carried_seat(data),
        )
        if data["outcome"] in ActionResponse.COUNTED_OUTCOMES:
            _mark_done(request, page, ActionResponse.Kind.CALL)
            return _thanks_redirect(request, page)
        messages.info(
            request,
            _("Thank you for trying. That call is not counted yet: please try again later."),
        )
        return HttpResponseRedirect(page.get_url(request) + "#act-call", status=303)
    form = ZipStepForm(request.POST, auto_id="id_call_%s", zip_required=_needs_zip(page, "call"))
    if not form.is_valid():
        form.fresh_started()
        return render_page(request, page, call_zip_form=form, open_step="call")
    if form.is_bot:
        return _thanks_redirect(request, page)
    state = _zip_step(request, page, "call", form)
    return render_page(
        request, page, call_state=state, call_zip_form=state.get("zip_form", form), open_step="call"
    )


def email(request, page):
    refused = _guard(request, page, "email")
    if refused:
        return refused
    if request.POST.get("step") == "sent":
        form = EmailSentForm(request.POST, prefix="sent")
        if not form.is_valid():
            form.fresh_started()
            return render_page(request, page, email_state={"sent_form": form}, open_step="email")
        if form.is_bot:
            return _thanks_redirect(request, page)
        _log_once(
            request,
            page,
            ActionResponse.Kind.EMAIL,
            form.cleaned_data["token"],
            translation.get_language(),
            **_carried_seat(form.cleaned_data),
        )
        _mark_done(request, page, ActionResponse.Kind.EMAIL)
        return _thanks_redirect(request, page)
    form = ZipStepForm(request.POST, auto_id="id_email_%s", zip_required=_needs_zip(page, "email"))
    if not form.is_valid():
        form.fresh_started()
        return render_page(request, page, email_zip_form=form, open_step="email")
    if form.is_bot:
        return _thanks_redirect(request, page)
    state = _zip_step(request, page, "email", form)
    return render_page(
        request,
        page,
        email_state=state,
        email_zip_form=state.get("zip_form", form),
        open_step="email",
    )


# After acting ---------------------------------------------------------------------------


def thanks(request, page):
    kind = request.session.get(SESSION_KEY, {}).get(str(page.translation_key))
    if not kind:
        return HttpResponseRedirect(page.get_url(request))
    # The cached count, never a fresh recount: a first and a repeat signature must see the
    # same number, or the page would tell a stranger whether an address had signed.
    page.response_count = counting.get_count(page.translation_key)
    url = page.get_full_url(request)
    text = page.title
    share = [
        ("WhatsApp", f"https://wa.me/?text={quote(text + ' ' + url)}"),
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={quote(url)}"),
        ("X", f"https://x.com/intent/post?url={quote(url)}&text={quote(text)}"),
        (_("Email"), f"mailto:?subject={quote(text)}&body={quote(url)}"),
    ]
    related = page.get_related_open_actions()
    type(page).attach_counts(related)
    context = page.get_context(request)
    context.update(
        {
            "kind": kind,
            "share_links": share,
            "share_url": url,
            "related_actions": related,
            "case_stories": page.get_case_stories(),
        }
    )
    response = TemplateResponse(request, page.thanks_template, context)
    response["Cache-Control"] = "private, no-store"
    return response


def count_json(request, page):
    count = counting.get_count(page.translation_key)
    page.response_count = count
    response = JsonResponse(
        {
            "count": count,
            "goal": page.signature_goal,
            "percent": page.progress_percent,
            "open": page.is_open,
        }
    )
    response["Cache-Control"] = "public, max-age=15, stale-while-revalidate=60"
    return response


@requires_csrf_token
def csrf_failure(request, reason=""):
    """A localised page when a form's security token is missing or stale (never personal)."""
    path = request.path
    back = path
    for suffix in ("sign/", "call/", "email/"):
        if path.endswith(suffix):
            back = path[: -len(suffix)]
    return TemplateResponse(request, "403_csrf.html", {"back_url": back}, status=403)
