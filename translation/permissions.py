"""Who is bound to the Spanish side of the site (the groups themselves: home/roles.py)."""

from home.roles import is_translator_only

__all__ = ["is_translator_only"]
