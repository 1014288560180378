"""Campaign state that is one fact for every translation of a page.

Whether an action is open, its deadline and goal, whether a case was resolved and how: a
reader must get the same answer in English and in Spanish, the moment an editor publishes.
wagtail-localize copies "synchronised" fields only when someone syncs and republishes the
translation, so those fields cannot be the truth. Instead each page model that has such
state keeps one row per `translation_key` (a concrete subclass of `SharedState`), written
when the group's *source* page is published, and copies the values onto every
translation's live row in the same transaction (so admin listings and database filters
agree).

Why the source page decides, and not "whichever language was published last": publishing
a translation (wagtail-localize's `save_target`, or the translator's Publish button)
writes a snapshot of the source taken at the last sync, which may be days old. If any
publish propagated, publishing the Spanish page from a stale snapshot would reopen an
action the English editor had just closed. So the fields are read-only on translations
(the edit form says which language sets them) and publishing a translation re-applies the
shared state to it instead. The source is the language the page was first written in
(wagtail-localize's first `TranslationSource`), so a campaign written first in Spanish is
decided on its Spanish page.
"""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

__all__ = [
    "SharedState",
    "SharedStateFormMixin",
    "SharedStateMixin",
    "publish_shared_state",
    "source_locale_id",
]


def source_locale_id(page):
    """The locale id of the page the translation group was first written in."""
    from wagtail_localize.models import TranslationSource

    locale_id = (
        TranslationSource.objects.filter(object_id=page.translation_key)
        .order_by("created_at", "pk")
        .values_list("locale_id", flat=True)
        .first()
    )
    if locale_id is not None:
        return locale_id
    # Not translated through wagtail-localize: a lone page decides for itself; otherwise
    # the default language's page does.
    locales = list(
        Page.objects.filter(translation_key=page.translation_key).values_list(
            "locale_id", flat=True
        )
    )
    if len(locales) <= 1:
        return page.locale_id
    default = Locale.get_default().pk
    return default if default in locales else min(locales)


class SharedState(models.Model):
    """One row per translation group: the values every translation shows.

    Subclasses add the shared fields and list them in `FIELDS` (the same names as on the
    page model).
    """

    # Shared values that are also fields of the page: overlaid on pages and copied onto
    # every translation's row. Subclasses may keep more (read through the state).
    FIELDS = ()

    translation_key = models.UUIDField(unique=True, editable=False)
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("set on page"),
    )
    source_locale = models.ForeignKey(
        "wagtailcore.Locale",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("set in language"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def values(self):
        return {name: getattr(self, name) for name in self.FIELDS}

    @property
    def source_language_name(self):
        """The language that sets these values, in the reader's language ("English")."""
        return self.source_locale.get_display_name() if self.source_locale_id else ""


class SharedStateMixin:
    """For page models with a `shared_state_model` (a SharedState subclass).

    Readers call `attach_shared_state(pages)` (one query for any number of pages) or
    `refresh_shared_state()`; either overlays the shared values on the in-memory page, so
    templates keep reading `page.status`, `page.deadline` and get the one fact.
    """

    shared_state_model = None

    @classmethod
    def attach_shared_state(cls, pages):
        pages = [p for p in pages if isinstance(p, SharedStateMixin)]
        if not pages:
            return pages
        states = {
            state.translation_key: state
            for state in cls.shared_state_model.objects.filter(
                translation_key__in={p.translation_key for p in pages}
            ).select_related("source_locale")
        }
        for page in pages:
            page._apply_shared_state(states.get(page.translation_key))
        return pages

    def refresh_shared_state(self):
        """Read the shared state afresh (a form POST must see a close published a second ago)."""
        state = (
            self.shared_state_model.objects.filter(translation_key=self.translation_key)
            .select_related("source_locale")
            .first()
        )
        self._apply_shared_state(state)
        return state

    def _apply_shared_state(self, state):
        self.shared_state = state
        if state is not None:
            for name, value in state.values().items():
                setattr(self, name, value)

    @property
    def is_shared_state_source(self):
        """True when this page's language sets the shared state (see module docstring)."""
        if not self.pk:
            return True
        return source_locale_id(self) == self.locale_id

    def shared_state_values(self):
        """The values this page would set, from its own fields (override to add values the
        state keeps but pages do not have, under names of their own)."""
        return {name: getattr(self, name) for name in self.shared_state_model.FIELDS}

    def after_shared_state_applied(self, state, pages):
        """Hook: copy what `update()` cannot (orderables) from the source onto `pages`."""


class SharedStateFormMixin:
    """On a translation, the shared campaign fields are shown but not editable: they are
    set on the source language's page and apply to every language (home/shared_state.py).
    """

    def disable_shared_fields(self):
        page = self.instance
        if not isinstance(page, SharedStateMixin) or not page.pk or page.is_shared_state_source:
            return
        state = page.refresh_shared_state()
        language = state.source_language_name if state else ""
        note = _("Set on the %(language)s page; it applies to every language.") % {
            "language": language or _("original")
        }
        for name in page.shared_state_model.FIELDS:
            field = self.fields.get(name)
            if field is None:
                continue
            field.disabled = True
            field.help_text = note
            if state is not None:
                self.initial[name] = getattr(state, name)


def publish_shared_state(page):
    """`page_published` handler: the source page sets the state of its whole group; any other
    translation gets the group's state back on its own row."""
    if not isinstance(page, SharedStateMixin) or not page.live:
        return None
    model = page.shared_state_model
    page_model = type(page)
    with transaction.atomic():
        state = model.objects.select_for_update().filter(translation_key=page.translation_key)
        state = state.first()
        source_locale = source_locale_id(page)
        writer = None
        if page.locale_id == source_locale:
            writer = page
        elif state is None:
            # A translation published before any state was recorded: take the values from
            # the source page as it stands, not from the (possibly stale) translation.
            group = page_model.objects.filter(translation_key=page.translation_key)
            writer = group.filter(locale_id=source_locale).first() or page
        if writer is not None:
            if state is None:
                state = model(translation_key=page.translation_key)
            for name, value in writer.shared_state_values().items():
                setattr(state, name, value)
            state.source_page_id = writer.pk
            state.source_locale_id = writer.locale_id
            # When a translation's publish records the source's values, they date from the
            # source's own last publish, not from now (a state may keep change times).
            state.values_published_at = writer.last_published_at if writer is not page else None
            state.save()
            targets = page_model.objects.filter(translation_key=page.translation_key).exclude(
                pk=writer.pk
            )
        else:
            targets = page_model.objects.filter(pk=page.pk)
        columns = {name: getattr(state, name) for name in _columns(page_model, model.FIELDS)}
        targets.update(**columns)
        page._apply_shared_state(state)
        page.after_shared_state_applied(state, list(targets))
    return state


def _columns(page_model, names):
    """The shared values that are also columns of the page (others live only in the state)."""
    concrete = {f.name for f in page_model._meta.concrete_fields}
    return [name for name in names if name in concrete]


def on_page_published(sender, instance, **kwargs):
    """Wagtail's `page_published` signal, for every page model with shared state."""
    publish_shared_state(instance)


def fill_states_for_migration(apps, page_model, state_model, fields, extra=None):
    """Data migrations: one state row per existing translation group, from its source page.

    Historical models have no methods, so the source is found as `source_locale_id` does:
    the first TranslationSource's language, else the default language, else the oldest.
    `fields` are the shared page fields (historical models lose class attributes such as
    `FIELDS`, so migrations spell them out); `extra(page)` may return more values (e.g.
    the call block's numbers).
    """
    PageModel = apps.get_model(*page_model.split("."))
    StateModel = apps.get_model(*state_model.split("."))
    TranslationSource = apps.get_model("wagtail_localize", "TranslationSource")
    Locale = apps.get_model("wagtailcore", "Locale")
    from django.conf import settings

    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    groups = {}
    for page in PageModel.objects.order_by("pk"):
        groups.setdefault(page.translation_key, []).append(page)
    for key, pages in groups.items():
        locale_id = (
            TranslationSource.objects.filter(object_id=key)
            .order_by("created_at", "pk")
            .values_list("locale_id", flat=True)
            .first()
        )
        by_locale = {p.locale_id: p for p in pages}
        source = (
            by_locale.get(locale_id)
            or (by_locale.get(default.pk) if default else None)
            or next((p for p in pages if p.live), pages[0])
        )
        values = {name: getattr(source, name) for name in fields}
        if extra:
            values.update(extra(source))
        StateModel.objects.update_or_create(
            translation_key=key,
            defaults={**values, "source_page_id": source.pk, "source_locale_id": source.locale_id},
        )
        # The translations' rows take the source's values, as a publish would.
        PageModel.objects.filter(translation_key=key).exclude(pk=source.pk).update(
            **{name: values[name] for name in fields}
        )
