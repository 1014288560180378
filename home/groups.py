"""The translation roles and the Spanish review workflow, created idempotently.

Run after every `migrate` (post_migrate, see home/apps.py) and again whenever a Spanish
home page appears, because the translators' page permissions hang on that page and it
only exists once the site has been translated. Nothing here grants access to people's
responses: translators get page and translatable-snippet permissions only.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Locale,
    Page,
    TranslatableMixin,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

TRANSLATORS = "Translators (Spanish)"
EDITORS = "Editors"
MODERATORS = "Moderators"
REVIEW_WORKFLOW = "Spanish review"
REVIEW_TASK = "Editor approval (Spanish)"
TRANSLATION_LANGUAGE = "es"

# Editors run the site: they publish, and they review what translators submit.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
# Translators prepare drafts in the Spanish tree; publishing stays with editors.
TRANSLATOR_PAGE_PERMISSIONS = ["add_page", "change_page"]


def translatable_snippet_models():
    """Snippet models that have a Spanish version (discovered, so new apps plug in)."""
    from wagtail.snippets.models import get_snippet_models

    return [m for m in get_snippet_models() if issubclass(m, TranslatableMixin)]


def _perm(app_label, codename):
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def _named_perm(app_label, model, codename, name):
    """A permission Wagtail or wagtail-localize create in a data migration (so a database
    flushed between tests lacks it), made the way they make it."""
    permission = _perm(app_label, codename)
    if permission is None:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
    return permission


def _model_perm(model, action):
    content_type = ContentType.objects.get_for_model(model)
    codename = f"{action}_{model._meta.model_name}"
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {action} {model._meta.verbose_name_raw}"},
    )
    return permission


def _grant_page(group, page, codenames):
    for codename in codenames:
        permission = _perm("wagtailcore", codename)
        if permission is not None:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def spanish_home():
    """The Spanish translation of the site's root page, or None before it exists."""
    locale = Locale.objects.filter(language_code=TRANSLATION_LANGUAGE).first()
    if locale is None:
        return None
    return Page.objects.filter(depth=2, locale=locale).order_by("path").first()


@transaction.atomic
def ensure_translation_roles():
    """Create or complete the groups, permissions and review workflow. Safe to rerun."""
    translators, _ = Group.objects.get_or_create(name=TRANSLATORS)
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)

    access_admin = _named_perm("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
    submit_translation = _named_perm(
        "wagtail_localize", "translation", "submit_translation", "Can submit translations"
    )
    for group in (translators, editors):
        for permission in (access_admin, submit_translation):
            if permission is not None:
                group.permissions.add(permission)

    for model in translatable_snippet_models():
        # Per model: the Spanish-only rule for translators is the before_edit_snippet hook.
        translators.permissions.add(_model_perm(model, "change"))
        for action in ("add", "change", "delete"):
            editors.permissions.add(_model_perm(model, action))

    root = Page.get_first_root_node()
    if root is not None:
        _grant_page(editors, root, EDITOR_PAGE_PERMISSIONS)

    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
    task.groups.add(editors, moderators)
    workflow, _ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    home_es = spanish_home()
    if home_es is not None:
        _grant_page(translators, home_es, TRANSLATOR_PAGE_PERMISSIONS)
        WorkflowPage.objects.update_or_create(page=home_es, defaults={"workflow": workflow})
    return translators, editors, workflow


def is_translator_only(user):
    """True for a translator who is not also an editor: bound to Spanish content."""
    if not user.is_authenticated or user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return TRANSLATORS in names and not names & {EDITORS, MODERATORS}


def on_post_migrate(sender, **kwargs):
    """post_migrate fires once per app, in INSTALLED_APPS order; act on the last one, when
    every app's content types and permissions exist (also after a test flush)."""
    from django.apps import apps

    # Django sends post_migrate only for apps that have a models module.
    with_models = [c.name for c in apps.get_app_configs() if c.models_module is not None]
    if sender.name != with_models[-1]:
        return
    ContentType.objects.clear_cache()
    ensure_translation_roles()


def on_page_saved(sender, instance, created, raw=False, **kwargs):
    """A new Spanish home page receives the translators' permissions and the workflow."""
    if raw or not created or not isinstance(instance, Page) or instance.depth != 2:
        return
    if instance.locale.language_code != TRANSLATION_LANGUAGE:
        return
    transaction.on_commit(ensure_translation_roles)
