"""Demo content for urgent actions: officials first (call actions need them), then pages."""

from . import officials, pages


def build(ctx):
    officials.build(ctx)
    pages.build(ctx)
