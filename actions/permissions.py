"""Who may see the people behind responses: the "Campaign managers" group and superusers.

The group and its permissions are created with every other role in home/roles.py.
"""

from django.utils.translation import gettext_lazy as _

PERSONAL_DATA_PERM = "actions.view_personal_data"

# What a person without the permission is told, wherever personal data is refused.
PERSONAL_DATA_REFUSAL = _(
    "Only campaign managers can see or export the people who responded to actions. Ask an "
    "administrator to add you to the “Campaign managers” group if you need this."
)


def can_view_personal_data(user):
    return bool(user and user.is_active and user.has_perm(PERSONAL_DATA_PERM))
