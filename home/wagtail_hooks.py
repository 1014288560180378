"""Admin registrations for site-wide features (translation dashboard, groups)."""
