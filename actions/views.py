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

from actions import counting, formtoken, ratelimit
from actions.blocks import email_addresses, fill_placeholders
from actions.forms import (
    CallLogForm,
    EmailSentForm,
    PledgeForm,
    SignForm,
    ZipStepForm,
)
from actions.models import ActionResponse
from actions.signals import action_taken
from home.links import page_url, tel_url
from officials import lookup as officials_lookup

logger = logging.getLogger(__name__)
SESSION_KEY = "actions_done"


def _sub_url(page, request, name):
    # A page being previewed before its first save has no URL yet.
    base = page.get_url(request)
    return base + page.reverse_subpage(name) if base else ""


def build_context(request, page, **extra):
    type(page).attach_counts([page])
    context = page.get_context(request)
    signers = public_signers(page)
    context.update(
        {
            # Nothing fresh or personal here: this page is what a shared cache holds. The
            # forms' tokens are fetched by static/js/formtoken.js when the reader starts
            # typing (actions/formtoken.py).
            "sign_form": _sign_form(page),
            "pledge_form": _pledge_form(page),
            "pledge_url": _sub_url(page, request, "pledge"),
            **{f"{kind}_zip_form": _zip_form(page, kind) for kind in TWO_STEP_KINDS},
            "sign_url": _sub_url(page, request, "sign"),
            "call_url": _sub_url(page, request, "call"),
            "email_url": _sub_url(page, request, "email"),
            "count_url": _sub_url(page, request, "count"),
            "case_stories": page.get_case_stories(),
            "public_signers": signers,
            "public_signers_heading": public_signers_heading(signers),
            # The source page's numbers, with this language's labels (one fact per group).
            "call_numbers": page.call_numbers(),
        }
    )
    context.update(extra)
    return context


PUBLIC_KINDS = (ActionResponse.Kind.SIGN, ActionResponse.Kind.PLEDGE)


def public_signers(page, limit=8):
    """The latest signers and pledgers who asked to be shown: first name and place only.

    Held responses (a busy shared address) are not shown until an organiser releases them.
    """
    return list(
        ActionResponse.objects.filter(
            action_key=page.translation_key,
            kind__in=PUBLIC_KINDS,
            show_publicly=True,
            held_for_review=False,
        )
        .order_by("-created_at")
        .only("first_name", "city", "state", "kind")[:limit]
    )


def public_signers_heading(signers):
    """The list's heading: "Recent signers", "Who has pledged", or both when it holds both."""
    kinds = {s.kind for s in signers}
    if kinds == {ActionResponse.Kind.PLEDGE}:
        return _("Who has pledged")
    if ActionResponse.Kind.PLEDGE in kinds:
        return _("Recent signers and pledges")
    return _("Recent signers")


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
    # Fresh from the shared state: a close published in any language a second ago counts,
    # even for a form opened on this language's page before it (home/shared_state.py).
    page.refresh_shared_state()
    if not page.is_open:
        return refused_closed(request, page, kind)
    return None


def _posted_form(request, page, kind):
    """The form the reader posted, bound but not validated: only to show what they typed."""
    if kind == "sign":
        return SignForm(request.POST, prefix="sign")
    if kind not in FOLLOW_UPS:
        return None
    form_class, prefix = FOLLOW_UPS[kind]
    if request.POST.get("step") == prefix:
        return form_class(request.POST, prefix=prefix)
    return _zip_form(page, kind, request.POST)


def typed_values(form):
    """(label, text) for each visible field the reader filled in, choices by their label."""
    values = []
    for bound in form.visible_fields() if form is not None else []:
        if bound.name == "website":  # the honeypot
            continue
        value = bound.value()
        if value in (None, "", False, []):
            continue
        if value is True:
            value = _("Yes")
        else:
            choices = dict(getattr(bound.field, "choices", None) or [])
            value = choices.get(value, value)
        values.append((bound.label, str(value)))
    return values


def refused_closed(request, page, kind):
    """409 for a response to a closed action: the closed page in the page's language, with
    everything the reader typed shown back to them and nothing stored."""
    response = render_page(
        request,
        page,
        status=409,
        refused_values=typed_values(_posted_form(request, page, kind)),
    )
    # It shows what one person typed: never for a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response


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


def _sign_form(page, data=None):
    block = page.block_of_kind("sign")
    ask = (
        ("city", "title", "organisation")
        if block and block.value.get("ask_organisation")
        else ("city",)
    )
    return SignForm(data, prefix="sign", ask=ask)


def _pledge_form(page, data=None):
    block = page.block_of_kind("pledge")
    if block is None:
        return None
    return PledgeForm(
        data,
        prefix="pledge",
        ask=tuple(block.value.get("ask") or ()),
        require=tuple(block.value.get("require") or ()),
    )


def sign(request, page):
    return _sign_up(request, page, ActionResponse.Kind.SIGN)


def pledge(request, page):
    return _sign_up(request, page, ActionResponse.Kind.PLEDGE)


def _sign_up(request, page, kind):
    """A signature or a pledge: one per person per action, the same answer for a repeat."""
    refused = _guard(request, page, kind)
    if refused:
        return refused
    form = _pledge_form(page, request.POST) if kind == "pledge" else _sign_form(page, request.POST)
    if not form.is_valid():
        form.fresh_started()
        return render_page(request, page, open_step=kind, **{f"{kind}_form": form})
    if form.is_bot:
        return _thanks_redirect(request, page)
    problem = form.token_problem()
    if problem:
        # JavaScript off, too fast, replayed or stale: keep everything and ask for one
        # more click, on a private page carrying a token issued with it.
        form.fresh_started()
        return render_page(
            request,
            page,
            open_step=kind,
            **{f"{kind}_form": form, f"{kind}_confirm": formtoken.REASONS[problem]},
        )
    data = form.cleaned_data
    verdict = ratelimit.assess(request, counting.canonical_email(data["email"]))
    if verdict.wait:
        return too_many_requests(request, verdict.wait)
    record_signature(page, data, translation.get_language(), held=verdict.held, kind=kind)
    _mark_done(request, page, kind)
    return _thanks_redirect(request, page)


def record_signature(page, data, language, held=False, kind=ActionResponse.Kind.SIGN):
    """Store one signature (or pledge) per person per action; a repeat changes nothing.

    A held signature (busy shared address) is stored but neither counted nor mailed until
    an organiser releases it (`release_held`)."""
    zip_code = data["zip_code"]
    state, district = officials_lookup.seat_for_zip(zip_code)
    response = ActionResponse(
        action_key=page.translation_key,
        page=page,
        kind=kind,
        title=data.get("title", ""),
        organisation=data.get("organisation", ""),
        phone=data.get("phone", ""),
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
            # Same transaction: listeners (supporters' confirmation) queue nothing for a
            # signature that fails to save, and nothing for a repeat. A held signature is
            # announced when an organiser releases it (actions/review.py).
            if not held:
                action_taken.send(sender=ActionResponse, response=response, page=page)
    except IntegrityError:
        return False
    return True


# Call and email: a ZIP step, then the personalised script or message, then "I did it" ----
#
# Both are one path (`two_step`): they differ only in the block's text field, the second
# step's form (CallLogForm / EmailSentForm, which say what a response keeps and whether it
# counts) and what the second step offers (numbers to dial; a subject and mailto link).

TWO_STEP_KINDS = ("call", "email")
# The second step's form and its prefix, which is also its `step` value and, with "_form",
# its key in the block's state (the templates read call_state.log_form, email_state.sent_form).
FOLLOW_UPS = {
    "call": (CallLogForm, "log"),
    "email": (EmailSentForm, "sent"),
}


def _zip_form(page, kind, data=None):
    """The first step's form; the ZIP is optional when the reader writes only to officials
    the editor chose."""
    return ZipStepForm(
        data,
        auto_id=f"id_{kind}_%s",
        zip_required=_needs_zip(page, kind),
    )


def _people(page, block, lookup):
    """Whom this reader contacts: chosen officials and/or their own, by ZIP."""
    mode = block.value.get("recipients", "zip") if block else page.recipients
    people = []
    if mode in ("chosen", "both"):
        people += page.get_chosen_targets()
    if mode in ("zip", "both") and lookup is not None:
        people += list(lookup.officials)
    return people


def _placeholder_values(data, lookup):
    """What fills a script or message for this reader. The name and city are optional on
    the ZIP step: one left out shows as a prompt the reader says or types themselves
    ("my name is [your name]"), never as a hole ("my name is and I live in, MD")."""
    return {
        "first_name": data.get("first_name") or str(_("[your name]")),
        "title": data.get("title") or "",
        "organisation": data.get("organisation") or "",
        "city": data.get("city") or str(_("[your city]")),
        "state": ((lookup.state or "") if lookup else "") or str(_("[your state]")),
    }


def _needs_zip(page, kind):
    """Only calls and emails to the reader's own members of Congress need their ZIP code."""
    block = page.block_of_kind(kind)
    return block is None or block.value.get("recipients", "zip") != "chosen"


def _entry(name, template, values, in_sentence=None, **extra):
    named = {"official": name, "the_official": in_sentence or name}
    text = fill_placeholders(template, {**values, **named})
    return {"name": name, "text": text, "in_sentence": in_sentence or name, **extra}


def _zip_step(page, kind, form, data=None):
    """Validate the ZIP step and build what the reader needs to call or write.

    A ZIP shared by several states or districts comes back with the lookup's choices and
    no script yet; the reader picks, and the same form is posted again. `data` rebuilds the
    step from what a logged call carried (the ZIP and seat), without a form.
    """
    block = page.block_of_kind(kind)
    data = form.cleaned_data if data is None else data
    lookup = (
        officials_lookup.lookup_zip_safely(data["zip"], data.get("state"), data.get("district"))
        if data["zip"]
        else None
    )
    if lookup is not None and lookup.status in ("choose_state", "choose_district"):
        return {"choose": True, "lookup": lookup, "zip_form": form}
    values = _placeholder_values(data, lookup)
    template = (block.value.get(block.block.message_field) or "") if block else ""
    entries = [
        _entry(
            f"{p.display_title} {p.full_name}".strip(),
            template,
            values,
            in_sentence=p.name_in_sentence,
            person=p,
        )
        for p in _people(page, block, lookup)
    ]
    for number in page.call_numbers(block) if kind == "call" and block else []:
        entries.append(
            _entry(
                number["label"],
                template,
                values,
                phone=number["number"],
                tel=tel_url(number["number"]),
            )
        )
    # The one message the reader edits: addressed by name when there is one recipient.
    if len(entries) == 1:
        named = {"official": entries[0]["name"], "the_official": entries[0]["in_sentence"]}
    else:
        named = dict.fromkeys(("official", "the_official"), _("Sir or Madam"))
    generic = fill_placeholders(template, {**values, **named})
    state, district = officials_lookup.seat_of(lookup)
    carried = {
        "started": formtoken.issue("page"),
        "zip": data["zip"],
        "state": state,
        "district": district,
        "token": secrets.token_urlsafe(24),
    }
    result = {"lookup": lookup, "entries": entries, "message": generic}
    form_class, prefix = FOLLOW_UPS[kind]
    if kind == "email":
        subject = fill_placeholders(block.value.get("subject", "") if block else "", values)
        addresses = email_addresses(block.value) if block else []
        result["subject"] = subject
        result["has_addresses"] = bool(addresses)
        result["mailto"] = (
            "mailto:" + ",".join(addresses) + f"?subject={quote(subject)}&body={quote(generic)}"
        )
        carried.update(
            subject=subject,
            body=generic,
            first_name=data.get("first_name") or "",
            city=data.get("city") or "",
        )
        result["inboxes"] = [e for e in entries if getattr(e.get("person"), "email", "")] + [
            {"name": a} for a in addresses
        ]
        result["form_only"] = [
            e for e in entries if e.get("person") and not getattr(e["person"], "email", "")
        ]
    result[f"{prefix}_form"] = form_class(initial=carried, prefix=prefix)
    if kind == "call":
        # One tap per official: each entry carries its own form and token, so each call is
        # logged once with its own outcome (5 Calls' contact / voicemail / unavailable).
        for number, entry in enumerate(entries, start=1):
            entry["log_form"] = form_class(
                initial={**carried, "official": entry["name"], "token": secrets.token_urlsafe(24)},
                prefix=prefix,
                auto_id=f"id_call{number}_%s",
            )
        result["outcomes"] = ActionResponse.Outcome.choices
    return result


CALLS_KEY = "actions_calls"


def _logged_calls(request, page):
    """{official name: outcome} this browser logged on this action (names are public)."""
    return dict(request.session.get(CALLS_KEY, {}).get(str(page.translation_key), {}))


def _remember_call(request, page, official, outcome):
    calls = dict(request.session.get(CALLS_KEY, {}))
    mine = dict(calls.get(str(page.translation_key), {}))
    mine[official] = outcome
    calls[str(page.translation_key)] = mine
    request.session[CALLS_KEY] = calls
    return mine


def _after_official_call(request, page, data):
    """Back to the list of officials with this one marked, or on to thanks when every
    official on the list has an outcome."""
    logged = _remember_call(request, page, data["official"], data["outcome"])
    carried = {
        "zip": data.get("zip") or "",
        "state": data.get("state") or "",
        "district": data.get("district"),
        "first_name": "",
        "city": "",
    }
    state = _zip_step(page, "call", None, data=carried)
    entries = state.get("entries") or []
    labels = dict(ActionResponse.Outcome.choices)
    for entry in entries:
        if entry["name"] in logged:
            entry["logged"] = labels.get(logged[entry["name"]], "")
            entry["counted"] = logged[entry["name"]] in ActionResponse.COUNTED_OUTCOMES
    any_counted = any(o in ActionResponse.COUNTED_OUTCOMES for o in logged.values())
    if any_counted:
        _mark_done(request, page, "call")
    if not entries or all(entry.get("logged") for entry in entries):
        if any_counted:
            return _thanks_redirect(request, page)
        messages.info(
            request,
            _("Thank you for trying. That call is not counted yet: please try again later."),
        )
        return HttpResponseRedirect(page.get_url(request) + "#act-call", status=303)
    # Named as a sentence names them ("Registramos su llamada a la senadora …").
    spoken = next((e["in_sentence"] for e in entries if e["name"] == data["official"]), None)
    state["just_logged"] = {
        "name": spoken or data["official"],
        "outcome": labels.get(data["outcome"]),
    }
    state["thanks_url"] = _sub_url(page, request, "thanks") if any_counted else ""
    return render_page(request, page, open_step="call", call_state=state)


def _carried_seat(data):
    """What a call or email response keeps: the seat, for reports, and not the ZIP code
    (the lookup promises readers it does not keep it)."""
    district = data.get("district")
    return {
        "state": data.get("state") or "",
        "district": "" if district is None else str(district),
    }


def _log_once(request, page, kind, token, language, **fields):
    """Store one response per submission token (a resent form changes nothing); held for
    review when the address is busy."""
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
            if not response.held_for_review:  # announced on release (actions/review.py)
                action_taken.send(sender=ActionResponse, response=response, page=page)
    except IntegrityError:
        pass


def two_step(request, page, kind):
    """POST of either step of calling or writing: the ZIP step, or "I called / I sent it"."""
    refused = _guard(request, page, kind)
    if refused:
        return refused
    form_class, prefix = FOLLOW_UPS[kind]
    if kind == "email" and request.POST.get("step") == "confirm":
        return _send_for_reader(request, page, form_class(request.POST, prefix=prefix), True)
    if request.POST.get("step") == prefix:
        form = form_class(request.POST, prefix=prefix)
        if not form.is_valid():
            form.fresh_started()
            return render_page(
                request, page, open_step=kind, **{f"{kind}_state": {f"{prefix}_form": form}}
            )
        if form.is_bot:
            return _thanks_redirect(request, page)
        problem = form.token_problem()
        if problem:
            form.fresh_started()
            state = {f"{prefix}_form": form, "confirm": formtoken.REASONS[problem]}
            return render_page(request, page, open_step=kind, **{f"{kind}_state": state})
        data = form.cleaned_data
        if kind == "email" and request.POST.get("send"):
            return _send_for_reader(request, page, form)
        _log_once(
            request,
            page,
            kind,
            data["token"],
            translation.get_language(),
            **form.response_fields(),
            **_carried_seat(data),
        )
        if kind == "call" and data.get("official"):
            return _after_official_call(request, page, data)
        if not form.counts:
            messages.info(
                request,
                _("Thank you for trying. That call is not counted yet: please try again later."),
            )
            return HttpResponseRedirect(page.get_url(request) + f"#act-{kind}", status=303)
        _mark_done(request, page, kind)
        return _thanks_redirect(request, page)
    form = _zip_form(page, kind, request.POST)
    if not form.is_valid():
        return render_page(request, page, open_step=kind, **{f"{kind}_zip_form": form})
    if form.is_bot:
        return _thanks_redirect(request, page)
    state = _zip_step(page, kind, form)
    return render_page(
        request,
        page,
        open_step=kind,
        **{f"{kind}_state": state, f"{kind}_zip_form": state.get("zip_form", form)},
    )


def _inboxes(page, data):
    """The recipients of this reader's message that take e-mail: chosen officials with an
    address and the block's public inboxes. Members of Congress take web forms only."""
    carried = {
        "zip": data.get("zip") or "",
        "state": data.get("state") or "",
        "district": data.get("district"),
        "first_name": data.get("first_name") or "",
        "city": data.get("city") or "",
    }
    state = _zip_step(page, "email", None, data=carried)
    inboxes, seen = [], set()
    for entry in state.get("entries") or []:
        address = (getattr(entry.get("person"), "email", "") or "").strip()
        if address and address.lower() not in seen:
            seen.add(address.lower())
            inboxes.append({"name": entry["name"], "email": address})
    block = page.block_of_kind("email")
    for address in (block.value.get("addresses") or []) if block else []:
        if address.lower() not in seen:
            seen.add(address.lower())
            inboxes.append({"name": address, "email": address})
    return inboxes


def _send_for_reader(request, page, form, confirmed=False):
    """ "Send it for me": first show exactly what will go where and from whom; only the
    reader's confirmation sends it, through the outbox, with the reader as Reply-To."""
    from actions.signals import official_message

    valid = form.is_valid() and form.require_sender()
    if not valid:
        form.fresh_started()
        return render_page(
            request, page, open_step="email", email_state={"sent_form": form, "sending": True}
        )
    if form.is_bot:
        return _thanks_redirect(request, page)
    data = form.cleaned_data
    inboxes = _inboxes(page, data)
    if not inboxes:
        form.add_error(None, _("None of these officials takes e-mail: use their web forms."))
        return render_page(request, page, open_step="email", email_state={"sent_form": form})
    if not confirmed:
        form.fresh_started()
        return render_page(
            request,
            page,
            open_step="email",
            email_state={"confirm": True, "confirm_form": form, "inboxes": inboxes},
        )
    if not official_message.receivers:
        form.add_error(None, _("Sending is not available right now. Nothing was sent."))
        return render_page(request, page, open_step="email", email_state={"sent_form": form})
    language = translation.get_language() or ""
    email = counting.canonical_email(data["sender_email"])
    response = ActionResponse(
        action_key=page.translation_key,
        page=page,
        kind=ActionResponse.Kind.EMAIL,
        language=language,
        submission_token=data["token"],
        first_name=data["sender_name"][:60],
        email=data["sender_email"],
        email_canonical=email,
        **_carried_seat(data),
    )
    body = data["body"] + "\n\n-- \n" + data["sender_name"] + " <" + data["sender_email"] + ">"
    try:
        with transaction.atomic():
            response.save()
            for inbox in inboxes:
                official_message.send(
                    sender=ActionResponse,
                    message={
                        "to": inbox["email"],
                        "subject": data["subject"],
                        "body": body,
                        "reply_to": data["sender_email"],
                        "language": language,
                        "dedupe_key": f"message:{response.pk}:{inbox['email'].lower()}",
                        "topic": f"message:{page.translation_key}",
                    },
                )
    except IntegrityError:
        pass  # the same confirmation sent twice: the first one went
    _mark_done(request, page, "email")
    return _thanks_redirect(request, page)


def call(request, page):
    return two_step(request, page, "call")


def email(request, page):
    return two_step(request, page, "email")


# After acting ---------------------------------------------------------------------------


def thanks(request, page):
    kind = request.session.get(SESSION_KEY, {}).get(str(page.translation_key))
    if not kind:
        return HttpResponseRedirect(page.get_url(request))
    # The cached count, never a fresh recount: a first and a repeat signature must see the
    # same number, or the page would tell a stranger whether an address had signed.
    page.response_count = counting.get_count(page.translation_key)
    url = page_url(page, request)
    text = page.title
    # Plain links: nothing from these services loads until the reader clicks one.
    share = [
        ("WhatsApp", f"https://wa.me/?text={quote(text + ' ' + url)}"),
        ("Bluesky", f"https://bsky.app/intent/compose?text={quote(text + ' ' + url)}"),
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
            "next_steps": (
                (page.block_of_kind("pledge").value.get("next_steps") or None)
                if kind == "pledge" and page.block_of_kind("pledge")
                else None
            ),
            "share_links": share,
            "share_url": url,
            "share_title": text,
            "related_actions": related,
            "case_stories": page.get_case_stories(),
        }
    )
    response = TemplateResponse(request, page.thanks_template, context)
    response["Cache-Control"] = "private, no-store"
    return response


def count_json(request, page):
    page.refresh_shared_state()
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


def form_token(request):
    """A fresh single-use form token for static/js/formtoken.js; never cached anywhere."""
    response = JsonResponse({"token": formtoken.issue("js")})
    response["Cache-Control"] = "private, no-store"
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
