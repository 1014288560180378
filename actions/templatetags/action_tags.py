"""Template tags that let other pages (the home page) show urgent actions without
importing this app's models."""

from django import template
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from actions.models import UrgentActionPage
from home.locales import active_locale

register = template.Library()


@register.simple_tag
def open_actions(limit=3):
    """The reader's language's open actions, soonest deadline first, with their counts."""
    actions = (
        UrgentActionPage.objects.live()
        .public()
        .filter(locale=active_locale(), status=UrgentActionPage.Status.OPEN)
        .filter(Q(deadline__isnull=True) | Q(deadline__gt=timezone.now()))
        .order_by(F("deadline").asc(nulls_last=True))[:limit]
    )
    return UrgentActionPage.attach_counts(actions)


@register.simple_tag
def call_numbers(value):
    """The numbers of a call block an editor filled in (empty list items are skipped)."""
    from actions.blocks import phone_numbers

    return phone_numbers(value)


@register.simple_tag
def version_greeting(version, page):
    """A letter version's greeting as readers of the page see it, never a raw {official}:
    the chosen official's name when this version goes to one chosen office, else a
    bracketed stand-in (each office receives its own name)."""
    from actions.blocks import fill_placeholders
    from actions.delivery import office_name

    targets = page.get_chosen_targets() if version.audience == "chosen" else []
    if len(targets) == 1:
        values = {"official": office_name(targets[0]), "the_official": targets[0].name_in_sentence}
    else:
        values = dict.fromkeys(("official", "the_official"), _("[the office's title and name]"))
    return fill_placeholders(version.greeting, values)
