"""The public, cacheable, open data of urgent actions: counts, never people.

Partners, journalists and the organisation's own dashboards read what readers did, by
kind, state, district and call outcome, keyed by the action's `translation_key` (one total
across languages, as on the page). Answers are anonymous aggregates only: no names, ZIP
codes or e-mail addresses ever leave through here. Every answer is cookie-free and shared-
cache friendly (a CDN may keep it a minute and serve it stale while it refreshes); CORS is
open so any site may read it from the browser.

The embeddable widget is the same data as an HTML page a partner pastes in an iframe.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale

from actions.models import ActionResponse, UrgentActionPage

API_VERSION = 1
CACHE_KEY = "actions:api:{}"


def _ttl():
    """Seconds a browser or CDN may reuse an answer (and our own cache keeps the counts)."""
    return int(getattr(settings, "ACTIONS_API_CACHE_SECONDS", 60))


def public_cache_headers(response, ttl=None):
    ttl = _ttl() if ttl is None else ttl
    response["Cache-Control"] = (
        f"public, max-age={ttl}, s-maxage={ttl}, stale-while-revalidate={ttl * 5}"
    )
    return response


def _open_cors(response):
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def breakdown(key):
    """Every count of one action (all languages), from one grouped query, cached briefly.

    `by_kind`, `by_state` and `by_district` count what the page counts (a signature, an
    email, a call that reached someone); `call_outcomes` counts every logged call, the
    unanswered and skipped ones included, so a campaign sees how often lines were busy.
    """
    key = str(key)
    cached = cache.get(CACHE_KEY.format(key))
    if cached is not None:
        return cached
    rows = (
        ActionResponse.objects.filter(action_key=key)
        .values("kind", "counted", "state", "district", "outcome")
        .annotate(n=Count("id"))
        .order_by()
    )
    total = 0
    by_kind = {kind: 0 for kind in ActionResponse.Kind.values}
    by_state, by_district = {}, {}
    outcomes = {outcome: 0 for outcome in ActionResponse.Outcome.values}
    for row in rows:
        n = row["n"]
        if row["kind"] == ActionResponse.Kind.CALL and row["outcome"] in outcomes:
            outcomes[row["outcome"]] += n
        if not row["counted"]:
            continue
        total += n
        by_kind[row["kind"]] = by_kind.get(row["kind"], 0) + n
        state = row["state"] or ""
        if state:
            by_state[state] = by_state.get(state, 0) + n
            if row["district"]:
                seat = seat_label(state, row["district"])
                by_district[seat] = by_district.get(seat, 0) + n
    data = {
        "total": total,
        "by_kind": by_kind,
        "by_state": dict(sorted(by_state.items())),
        "by_district": dict(sorted(by_district.items())),
        "call_outcomes": outcomes,
    }
    cache.set(CACHE_KEY.format(key), data, _ttl())
    return data


def seat_label(state, district):
    """ "AZ-07" for a numbered district, "AK-AL" for an at-large seat (stored as "0")."""
    if district.isdigit():
        number = int(district)
        return f"{state}-AL" if number == 0 else f"{state}-{number:02d}"
    return f"{state}-{district}"


def _translations(key):
    """The live, public pages of one action, one per language."""
    return {
        page.locale.language_code: page
        for page in UrgentActionPage.objects.live()
        .public()
        .filter(translation_key=key)
        .select_related("locale")
    }


def _summary(request, key, pages):
    default = pages.get(settings.LANGUAGE_CODE) or next(iter(pages.values()))
    deadline = default.deadline
    return {
        "id": str(key),
        "status": default.status,
        "open": default.is_open,
        "deadline": deadline.isoformat() if deadline else None,
        "goal": default.signature_goal,
        "titles": {code: page.title for code, page in sorted(pages.items())},
        "urls": {code: page.get_full_url(request) for code, page in sorted(pages.items())},
        "widget": {code: widget_url(request, key, code) for code in sorted(pages)},
    }


def widget_url(request, key, language):
    with translation.override(language):
        path = reverse("actions_embed:widget", kwargs={"key": key})
    return request.build_absolute_uri(path) if request else path


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    _open_cors(response)
    if status == 200:
        public_cache_headers(response)
    else:
        # A 404 may become a 200 when the action is published: keep it briefly.
        public_cache_headers(response, ttl=10)
    return response


def _preflight(request):
    if request.method == "OPTIONS":
        response = JsonResponse({})
        _open_cors(response)
        response["Access-Control-Max-Age"] = "86400"
        return response
    return None


def actions_list(request):
    """Every live action with its totals: where a partner finds the id of an action."""
    early = _preflight(request)
    if early:
        return early
    groups = {}
    for page in (
        UrgentActionPage.objects.live().public().select_related("locale").order_by("deadline")
    ):
        groups.setdefault(page.translation_key, {})[page.locale.language_code] = page
    items = []
    for key, pages in groups.items():
        item = _summary(request, key, pages)
        counts = breakdown(key)
        item["total"] = counts["total"]
        item["by_kind"] = counts["by_kind"]
        items.append(item)
    return _json(
        {"version": API_VERSION, "generated_at": timezone.now().isoformat(), "actions": items}
    )


def action_detail(request, key):
    """One action's counts by kind, state, district and call outcome."""
    early = _preflight(request)
    if early:
        return early
    pages = _translations(key)
    if not pages:
        return _json({"error": "not_found", "detail": "No published action has this id."}, 404)
    data = {
        "version": API_VERSION,
        "generated_at": timezone.now().isoformat(),
        **_summary(request, key, pages),
        **breakdown(key),
    }
    return _json(data)


# The embeddable widget ------------------------------------------------------------------

# The widget is the one path other sites may frame; everything else stays unframeable.
WIDGET_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors *"
)


def widget(request, key):
    """An iframe-able card: the action's title, count, goal, progress and a link to act.

    In the language of the URL (the action's page in that language if it is published,
    else the default language's page, marked with its own `lang`). No cookies, no script.
    """
    pages = _translations(key)
    if not pages:
        raise Http404
    language = translation.get_language() or settings.LANGUAGE_CODE
    page = pages.get(language)
    fallback = page is None
    if fallback:
        page = pages.get(Locale.get_default().language_code) or next(iter(pages.values()))
    page.response_count = breakdown(key)["total"]
    response = render(
        request,
        "actions/widget.html",
        {"action": page, "action_url": page.get_full_url(request), "language_fallback": fallback},
    )
    # Framing allowed here only; Django's clickjacking middleware keeps DENY elsewhere.
    response.xframe_options_exempt = True
    response["Content-Security-Policy"] = WIDGET_CSP
    public_cache_headers(response)
    return response
