"""Urgent actions, the responses people send, and the officials they reach.

Split by concern; each module declares `__all__`.
"""

from .letters import *  # noqa: F403
from .officials import *  # noqa: F403
from .outbox import *  # noqa: F403
from .pages import *  # noqa: F403
from .responses import *  # noqa: F403
