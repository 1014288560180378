"""Admin registrations of the officials app: targets and their translatable titles."""

from wagtail.snippets.models import register_snippet

from officials.snippets import TargetTitleViewSet, TargetViewSet

register_snippet(TargetViewSet)
register_snippet(TargetTitleViewSet)
