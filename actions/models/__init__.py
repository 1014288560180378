"""Urgent actions and the responses people send (the officials they reach live in `officials`).

Split by concern; each module declares `__all__`.
"""

from .letters import *  # noqa: F403
from .pages import *  # noqa: F403
from .responses import *  # noqa: F403
from .safety import *  # noqa: F403
