"""Template tags that let other pages (the home page) show urgent actions without
importing this app's models."""

from django import template
from django.db.models import F, Q
from django.utils import timezone

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
