"""Every group Haven creates and everything each may do, in one place.

- Editors run the site: they publish every page, edit translatable snippets, record
  consent, and approve what translators submit ("Spanish review" workflow).
- Moderators (Wagtail's own group) do what editors do with consent records, and may delete
  one entered by mistake; they also approve Spanish reviews.
- Translators (Spanish) prepare drafts in the Spanish tree and edit Spanish snippets.
  Publishing stays with editors; translators never see people's responses or consent,
  and can never take a page offline: no publish, unpublish, delete, move or conversion
  to an alias (`TranslatorPagePermissionTester` below, used by every Haven page, with
  server-side hooks in translation/wagtail_hooks.py).
- Campaign managers see and export the people behind responses (the personal-data
  permission), and keep the list of allowed networks (an event's Wi-Fi whose signers
  must not be held for review); nothing else beyond admin access.

This lives in `home`, the app every other app builds on, because the roles cut across
domains. Other apps' permissions are named by app label and codename, never imported, so
`home` still imports no other Haven app.

Everything is created idempotently by one post_migrate handler (no data migration), so a
fresh database, an old one and a test database flushed between tests end up the same, and
again when a Spanish home page appears: the translators' page permissions and the review
workflow hang on that page, which only exists once the site has been translated.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Locale,
    Page,
    PagePermissionTester,
    TranslatableMixin,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

EDITORS = "Editors"
MODERATORS = "Moderators"
TRANSLATORS = "Translators (Spanish)"
CAMPAIGN_MANAGERS = "Campaign managers"
REVIEW_WORKFLOW = "Spanish review"
REVIEW_TASK = "Editor approval (Spanish)"
# The language translators work into; its home page roots their page permissions.
TRANSLATION_LANGUAGE = "es"

# Page permissions, granted on the root (editors) or on the Spanish home (translators).
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
TRANSLATOR_PAGE_PERMISSIONS = ["add_page", "change_page"]

# (app label, model, codename, name): created the way Wagtail, wagtail-localize or the
# model's Meta create them, in case a flushed test database lacks them.
ACCESS_ADMIN = ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
SUBMIT_TRANSLATION = (
    "wagtail_localize",
    "translation",
    "submit_translation",
    "Can submit translations",
)
PERSONAL_DATA = (
    "actions",
    "actionresponse",
    "view_personal_data",
    "Can see and export the people who responded",
)


def _consent(*actions):
    return [("stories", "consentrecord", f"{a}_consentrecord", None) for a in actions]


# Model permissions per group (translatable snippets are added in ensure_roles: they are
# discovered, so a new snippet type plugs in without a change here).
def _targets(*actions):
    # Editors add the officials their campaigns need and retire them ("current" off); no
    # delete: past responses and deliveries name them.
    return [("officials", "target", f"{a}_target", None) for a in actions]


def _allowed_networks(*actions):
    return [("actions", "allowednetwork", f"{a}_allowednetwork", None) for a in actions]


GROUP_PERMISSIONS = {
    EDITORS: [
        ACCESS_ADMIN,
        SUBMIT_TRANSLATION,
        *_consent("add", "change", "view"),
        *_targets("add", "change", "view"),
    ],
    MODERATORS: [ACCESS_ADMIN, *_consent("add", "change", "view", "delete")],
    TRANSLATORS: [ACCESS_ADMIN, SUBMIT_TRANSLATION],
    CAMPAIGN_MANAGERS: [
        ACCESS_ADMIN,
        PERSONAL_DATA,
        *_allowed_networks("add", "change", "delete", "view"),
    ],
}


def is_translator_only(user):
    """True for a translator who is not also an editor: bound to Spanish content.

    Cached on the user object: page listings ask once per page."""
    if not user.is_authenticated or user.is_superuser:
        return False
    cached = getattr(user, "_haven_translator_only", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = TRANSLATORS in names and not names & {EDITORS, MODERATORS}
        user._haven_translator_only = cached
    return cached


class TranslatorPagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, minus everything that takes a page offline or changes
    what readers see, for translators.

    Wagtail lets "change" delete and move unpublished pages a user owns, and
    wagtail-localize lets "change" convert a translation back to an alias (which turned
    /es/privacidad/ into a 404). Every admin view and button asks this tester, so
    translators neither see nor can use those actions; the hooks in
    translation/wagtail_hooks.py refuse the requests as well.
    """

    def __init__(self, user, page):
        super().__init__(user, page)
        self.translator_only = is_translator_only(user)

    def can_delete(self, ignore_bulk=False):
        return not self.translator_only and super().can_delete(ignore_bulk=ignore_bulk)

    def can_unpublish(self):
        return not self.translator_only and super().can_unpublish()

    def can_publish(self):
        return not self.translator_only and super().can_publish()

    def can_publish_subpage(self):
        return not self.translator_only and super().can_publish_subpage()

    def can_move(self):
        return not self.translator_only and super().can_move()

    def can_reorder_children(self):
        return not self.translator_only and super().can_reorder_children()

    def can_convert_to_alias(self):
        """wagtail-localize only asks for "edit"; replacing a translation with an alias of
        the source page changes what readers see, so it is an editor's decision."""
        return not self.translator_only and self.can_edit()


def translatable_snippet_models():
    """Snippet models that have a Spanish version (discovered, so new apps plug in)."""
    from wagtail.snippets.models import get_snippet_models

    return [m for m in get_snippet_models() if issubclass(m, TranslatableMixin)]


def _permission(app_label, model, codename, name=None):
    """The permission, created when missing (None when its model is not installed)."""
    permission = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()
    if permission is not None:
        return permission
    if name is None:
        from django.apps import apps

        try:
            model_class = apps.get_model(app_label, model)
        except LookupError:
            return None
        action = codename.split("_", 1)[0]
        name = f"Can {action} {model_class._meta.verbose_name_raw}"
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def _model_permission(model, action):
    meta = model._meta
    return _permission(meta.app_label, meta.model_name, f"{action}_{meta.model_name}")


def _grant_page(group, page, codenames):
    for codename in codenames:
        permission = _permission("wagtailcore", "page", codename)
        if permission is not None:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def spanish_home():
    """The Spanish translation of the site's root page, or None before it exists."""
    locale = Locale.objects.filter(language_code=TRANSLATION_LANGUAGE).first()
    if locale is None:
        return None
    return Page.objects.filter(depth=2, locale=locale).order_by("path").first()


@transaction.atomic
def ensure_roles():
    """Create or complete every group, its permissions and the review workflow.

    Safe to rerun; only adds, so permissions an administrator granted by hand are kept.
    Returns the groups by name.
    """
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in GROUP_PERMISSIONS}
    for name, wanted in GROUP_PERMISSIONS.items():
        permissions = [p for p in (_permission(*spec) for spec in wanted) if p is not None]
        groups[name].permissions.add(*permissions)

    for model in translatable_snippet_models():
        # Per model: the Spanish-only rule for translators is a before_edit_snippet hook
        # (translation/wagtail_hooks.py).
        groups[TRANSLATORS].permissions.add(_model_permission(model, "change"))
        groups[EDITORS].permissions.add(
            *(_model_permission(model, action) for action in ("add", "change", "delete"))
        )

    root = Page.get_first_root_node()
    if root is not None:
        _grant_page(groups[EDITORS], root, EDITOR_PAGE_PERMISSIONS)

    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
    task.groups.add(groups[EDITORS], groups[MODERATORS])
    workflow, _ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    home_es = spanish_home()
    if home_es is not None:
        _grant_page(groups[TRANSLATORS], home_es, TRANSLATOR_PAGE_PERMISSIONS)
        WorkflowPage.objects.update_or_create(page=home_es, defaults={"workflow": workflow})
    return groups


def on_post_migrate(sender, **kwargs):
    """post_migrate fires once per app, in INSTALLED_APPS order; act on the last one, when
    every app's content types and permissions exist (also after a test flush)."""
    from django.apps import apps

    # Django sends post_migrate only for apps that have a models module.
    with_models = [c.name for c in apps.get_app_configs() if c.models_module is not None]
    if sender.name != with_models[-1]:
        return
    ContentType.objects.clear_cache()
    ensure_roles()


def on_page_saved(sender, instance, created, raw=False, **kwargs):
    """A new Spanish home page receives the translators' permissions and the workflow."""
    if raw or not created or not isinstance(instance, Page) or instance.depth != 2:
        return
    if instance.locale.language_code != TRANSLATION_LANGUAGE:
        return
    transaction.on_commit(ensure_roles)
