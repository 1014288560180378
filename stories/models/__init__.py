"""Case stories: the people behind each urgent action."""

from .consent import *  # noqa: F403
from .pages import *  # noqa: F403
