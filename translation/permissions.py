"""Who is bound to the Spanish side of the site (the groups themselves: home/roles.py)."""

from home.roles import EDITORS, MODERATORS, TRANSLATORS


def is_translator_only(user):
    """True for a translator who is not also an editor: bound to Spanish content."""
    if not user.is_authenticated or user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return TRANSLATORS in names and not names & {EDITORS, MODERATORS}
