"""Admin registrations for urgent actions, responses and officials."""
