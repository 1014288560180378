"""Demo content for urgent actions (the officials they reach come first, from
`officials.demo`, which the demo loader runs before this app)."""

from . import pages


def build(ctx):
    pages.build(ctx)
