"""Who may see the people behind responses: the "Campaign managers" group and superusers.

The group and its permissions are created with every other role in home/roles.py.
"""

PERSONAL_DATA_PERM = "actions.view_personal_data"


def can_view_personal_data(user):
    return bool(user and user.is_active and user.has_perm(PERSONAL_DATA_PERM))
