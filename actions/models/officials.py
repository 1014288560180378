"""Officials (targets) that urgent actions reach, and the ZIP → district table."""

__all__ = []
