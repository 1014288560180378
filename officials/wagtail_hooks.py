"""Admin registrations of the officials app: the Target snippet viewset."""

from wagtail.snippets.models import register_snippet

from officials.snippets import TargetViewSet

register_snippet(TargetViewSet)
