"""Admin registrations for urgent actions, responses and officials."""

from actions import officials_admin  # noqa: E402, F401  (registers the Target snippets)
