"""What Haven keeps about talking to supporters: the outbox, unsubscribes, notified updates.

Split by concern; each module declares `__all__`.
"""

from .notified import *  # noqa: F403
from .outbox import *  # noqa: F403
