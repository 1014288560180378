"""Demo officials and ZIP districts."""


def build(ctx):
    """Filled in by the officials and lookup work."""
