"""What needs Spanish next: the translators' dashboard in the admin.

Pages and snippets are discovered from wagtail-localize's records and the page tree, so
new page types appear here with no change to this module. A page model that is urgent to
translate says so by defining `translation_priority()`, returning `(deadline, is_open)`:
open ones come first, soonest deadline first; closed ones show their deadline but wait
with the rest (a closed action's past deadline must not put it on top).
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringTranslation,
    Translation,
    TranslationLog,
    TranslationSource,
)

from home.roles import TRANSLATION_LANGUAGE, translatable_snippet_models

# The languages a row names (its source and its target), in the admin's language.
LANGUAGE_NAMES = {"en": _("English"), "es": _("Spanish")}


@dataclass
class Row:
    title: str
    kind: str
    source: object
    target: object = None
    translation: object = None
    total: int = 0
    translated: int = 0
    deadline: datetime | None = None
    urgent: bool = False
    # An action past its deadline or closed: still listed, after the open ones.
    closed: bool = False
    # The source (English, or Spanish for a page written first in Spanish) changed.
    english_changed: bool = False
    # Language codes of the row's source and of the language it needs.
    source_code: str = "en"
    target_code: str = TRANSLATION_LANGUAGE
    # Strings were translated after the Spanish was last saved: an editor should publish.
    unpublished_strings: bool = False
    out_of_date: bool = False
    in_review: bool = False
    live: bool = False
    edit_url: str = ""
    start_url: str = ""
    review_url: str = ""
    sync_url: str = ""

    @property
    def percent(self):
        if not self.total:
            return 100 if self.translation else 0
        return round(100 * self.translated / self.total)

    @property
    def missing(self):
        return self.translation is None and self.target is None

    @property
    def source_language(self):
        return LANGUAGE_NAMES.get(self.source_code, self.source_code)

    @property
    def target_language(self):
        return LANGUAGE_NAMES.get(self.target_code, self.target_code)

    @property
    def missing_english(self):
        return self.missing and self.target_code != TRANSLATION_LANGUAGE

    @property
    def missing_label(self):
        return _("No English yet") if self.missing_english else _("No Spanish yet")

    @property
    def changed_label(self):
        if self.source_code == TRANSLATION_LANGUAGE:
            return _("Spanish changed: sync needed")
        return _("English changed: sync needed")

    @property
    def sync_label(self):
        if self.source_code == TRANSLATION_LANGUAGE:
            return _("Sync from Spanish")
        return _("Sync from English")


def _priority(instance):
    """(deadline, is_open) from the page's `translation_priority()`, or None."""
    hook = getattr(instance, "translation_priority", None) if isinstance(instance, Page) else None
    return hook() if callable(hook) else None


def _kind(instance):
    return str(type(instance)._meta.verbose_name).capitalize()


def _snippet_url(instance, action, *args):
    meta = instance._meta
    return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:{action}", args=args)


def _sort_key(row):
    # Open urgent actions first (soonest deadline first, undated after dated ones), then
    # anything with work to do (an English change at 100% included) before finished work,
    # the least translated first, then alphabetical.
    far = datetime.max.replace(tzinfo=None)
    deadline = row.deadline.replace(tzinfo=None) if row.deadline and row.urgent else far
    done = bool(row.translation) and not row.out_of_date
    return (not row.urgent, deadline, done, row.percent, row.title.lower())


def dashboard_rows():
    """One row per page or translatable snippet that needs (or has) a translation.

    Either language can come first: a page written in Spanish is listed as missing its
    English, and its row's messages name Spanish as the source.
    """
    spanish = Locale.objects.filter(language_code=TRANSLATION_LANGUAGE).first()
    if spanish is None:
        return []
    english = Locale.get_default()
    other = {english.id: spanish, spanish.id: english}
    rows = []

    # Existing translations, with their sources, in both directions.
    translations = {
        t.source_id: t
        for t in Translation.objects.filter(
            target_locale__in=[spanish, english], enabled=True
        ).select_related("source", "source__specific_content_type")
    }
    last_saved = {
        (source_id, locale_id): last
        for source_id, locale_id, last in TranslationLog.objects.values_list(
            "source_id", "locale_id"
        ).annotate(last=Max("created_at"))
    }
    sources = {
        (s.specific_content_type_id, s.object_id): s
        for s in TranslationSource.objects.filter(locale__in=[english, spanish]).select_related(
            "specific_content_type"
        )
    }
    source_locale_of = {key: s.locale_id for (_ct, key), s in sources.items()}

    pages = (
        Page.objects.filter(locale__in=[english, spanish], depth__gt=1, alias_of__isnull=True)
        .specific()
        .order_by("path")
    )
    by_locale = {english.id: {}, spanish.id: {}}
    for p in Page.objects.filter(locale__in=[english, spanish]).only(
        "id", "translation_key", "live", "alias_of_id", "title", "locale_id"
    ):
        by_locale[p.locale_id][p.translation_key] = p
    in_review = set(
        Page.objects.filter(locale__in=[english, spanish])
        .filter(_workflow_states__status="in_progress")
        .values_list("id", flat=True)
    )
    for page in pages:
        target_locale = other[page.locale_id]
        origin = source_locale_of.get(page.translation_key)
        if origin is not None and origin != page.locale_id:
            continue  # a translation: listed on its source's row
        target = by_locale[target_locale.id].get(page.translation_key)
        if target is not None and target.alias_of_id:
            target = None  # "Sync from" aliases show the other language: not a translation.
        if origin is None and page.locale_id != english.id and target is not None:
            continue  # both written by hand: the English page's row stands for the pair
        row = Row(
            title=page.title,
            kind=_kind(page),
            source=page,
            target=target,
            live=bool(target and target.live),
            source_code=page.locale.language_code,
            target_code=target_locale.language_code,
        )
        priority = _priority(page)
        if priority is not None:
            row.deadline, is_open = priority
            row.urgent, row.closed = bool(is_open), not is_open
        source = sources.get((page.content_type_id, page.translation_key))
        _fill(row, source, translations, last_saved, page)
        if target is not None:
            row.edit_url = reverse("wagtailadmin_pages:edit", args=[target.id])
            row.in_review = target.id in in_review
            if (
                row.translation is not None
                and not row.in_review
                and row.translated == row.total
                and row.unpublished_strings
            ):
                row.review_url = reverse("translation:submit_for_review", args=[target.id])
        else:
            row.start_url = reverse("wagtail_localize:submit_page_translation", args=[page.id])
        rows.append(row)

    for model in translatable_snippet_models():
        spanish_keys = dict(
            model.objects.filter(locale=spanish).values_list("translation_key", "pk")
        )
        for instance in model.objects.filter(locale=english):
            target_pk = spanish_keys.get(instance.translation_key)
            row = Row(
                title=str(instance),
                kind=_kind(instance),
                source=instance,
                target=target_pk,
                live=target_pk is not None,
            )
            content_type_id = _content_type_id(instance)
            source = sources.get((content_type_id, instance.translation_key))
            _fill(row, source, translations, last_saved, instance)
            if target_pk is not None:
                row.edit_url = _snippet_url(instance, "edit", quote(target_pk))
            else:
                meta = instance._meta
                row.start_url = reverse(
                    "wagtail_localize:submit_snippet_translation",
                    args=[meta.app_label, meta.model_name, quote(instance.pk)],
                )
            rows.append(row)

    return sorted(rows, key=_sort_key)


def _content_type_id(instance):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(instance).id


def _fill(row, source, translations, last_saved, instance):
    if source is None:
        return
    translation = translations.get(source.id)
    if translation is None:
        return
    row.translation = translation
    row.total, row.translated = translation.get_progress()
    # The English was edited after the translators' copy of it was last refreshed.
    edited = getattr(instance, "latest_revision_created_at", None) or getattr(
        instance, "last_published_at", None
    )
    row.english_changed = bool(edited and edited > source.last_updated_at)
    saved = last_saved.get((source.id, translation.target_locale_id))
    latest_string = (
        StringTranslation.objects.filter(
            context__object_id=source.object_id, locale_id=translation.target_locale_id
        )
        .aggregate(latest=Max("updated_at"))
        .get("latest")
    )
    # Not `source.last_updated_at > saved`: refreshing an unchanged source moves that date.
    row.unpublished_strings = saved is None or bool(latest_string and latest_string > saved)
    row.out_of_date = row.unpublished_strings or row.english_changed or row.translated < row.total
    row.sync_url = reverse("wagtail_localize:update_translations", args=[source.id])


def can_see_dashboard(user):
    return user.is_active and (
        user.is_superuser or user.has_perm("wagtail_localize.submit_translation")
    )


class TranslationDashboardView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "translation/admin/dashboard.html"
    page_title = _("Translation dashboard")
    header_icon = "wagtail-localize-language"

    def dispatch(self, request, *args, **kwargs):
        if not can_see_dashboard(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = dashboard_rows()
        context.update(
            {
                "rows": rows,
                "missing_count": sum(1 for r in rows if r.missing and not r.missing_english),
                "missing_english_count": sum(1 for r in rows if r.missing_english),
                "out_of_date_count": sum(1 for r in rows if r.translation and r.out_of_date),
                "done_count": sum(
                    1 for r in rows if r.translation and not r.out_of_date and r.live
                ),
            }
        )
        return context
