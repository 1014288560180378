"""Who may see the people behind responses: the "Campaign managers" group and superusers.

The group and its permissions are created idempotently after every `migrate` (no data
migration), so a fresh database and an old one end up the same.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

CAMPAIGN_MANAGERS = "Campaign managers"
PERSONAL_DATA_PERM = "actions.view_personal_data"


def can_view_personal_data(user):
    return bool(user and user.is_active and user.has_perm(PERSONAL_DATA_PERM))


def ensure_campaign_managers_group(**kwargs):
    """Create the group with admin access and the personal-data permission (idempotent)."""
    from actions.models import ActionResponse

    content_type = ContentType.objects.get_for_model(ActionResponse)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_personal_data",
        defaults={"name": "Can see and export the people who responded"},
    )
    group, _ = Group.objects.get_or_create(name=CAMPAIGN_MANAGERS)
    wanted = [permission]
    admin_access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if admin_access is not None:
        wanted.append(admin_access)
    group.permissions.add(*wanted)
    return group
