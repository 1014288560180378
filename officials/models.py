"""Officials (targets) that urgent actions reach, and the ZIP → district table.

Members of Congress are synchronised from public open data by `import_officials` and
`import_zip_districts`; editors add their own targets (a governor, a field office) in the
admin. Targets are not translatable: names, phones and addresses are facts, the same in
every language, and only their titles and party names are localised when shown: the
importer's titles through the UI catalogue, agreeing with the person's gender; an
editor's own titles ("Field Office Director") through their `TargetTitleTranslation`s.
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from home.languages import active_language
from home.links import tel_url

__all__ = [
    "NO_SENATORS",
    "STATE_NAMES",
    "Target",
    "TargetOffice",
    "TargetTitleTranslation",
    "ZipDistrict",
    "bump_officials_version",
    "officials_version",
]

# USPS codes of every place with a seat or delegate in Congress. Names are proper nouns
# and stay in English in both languages, as the U.S. Postal Service writes them.
STATE_NAMES = {
    "AL": "Alabama", "AK": "Alaska", "AS": "American Samoa", "AZ": "Arizona",
    "AR": "Arkansas", "CA": "California", "CO": "Colorado", "CT": "Connecticut",
    "DE": "Delaware", "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia",
    "GU": "Guam", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana",
    "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine",
    "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska",
    "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico",
    "NY": "New York", "NC": "North Carolina", "ND": "North Dakota",
    "MP": "Northern Mariana Islands", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "PR": "Puerto Rico", "RI": "Rhode Island",
    "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
    "UT": "Utah", "VT": "Vermont", "VI": "U.S. Virgin Islands", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}  # fmt: skip

# The District of Columbia and the territories elect a non-voting House member and no
# senators.
NO_SENATORS = frozenset({"DC", "PR", "GU", "AS", "VI", "MP"})

STATE_CHOICES = sorted(STATE_NAMES.items(), key=lambda item: item[1])

# Titles the importer writes; anything else is an editor's free title ("Governor").
KNOWN_TITLES = {
    "Senator": _("Senator"),
    "Representative": _("Representative"),
    "Delegate": _("Delegate"),
    "Resident Commissioner": _("Resident Commissioner"),
}
# The same titles for a woman and for a man: Spanish titles agree with the person
# ("Senadora Angela D. Alsobrooks", "Senador Chris Van Hollen"); English ones do not change.
# Without a known gender the neutral pair in KNOWN_TITLES is shown ("Senadora o senador").
GENDERED_TITLES = {
    ("Senator", "F"): pgettext_lazy("title of a woman", "Senator"),
    ("Senator", "M"): pgettext_lazy("title of a man", "Senator"),
    ("Representative", "F"): pgettext_lazy("title of a woman", "Representative"),
    ("Representative", "M"): pgettext_lazy("title of a man", "Representative"),
    ("Delegate", "F"): pgettext_lazy("title of a woman", "Delegate"),
    ("Delegate", "M"): pgettext_lazy("title of a man", "Delegate"),
    ("Resident Commissioner", "F"): pgettext_lazy("title of a woman", "Resident Commissioner"),
    ("Resident Commissioner", "M"): pgettext_lazy("title of a man", "Resident Commissioner"),
}
# The titles as a spoken sentence names the person ("I am calling Senator Ana López"):
# Spanish puts an article before a lower-case title ("Llamo a la senadora Ana López") and,
# without a known gender, names both forms. English keeps the title as it is.
SENTENCE_TITLES = {
    ("Senator", "F"): pgettext_lazy("a woman's title in a sentence", "Senator"),
    ("Senator", "M"): pgettext_lazy("a man's title in a sentence", "Senator"),
    ("Senator", ""): pgettext_lazy("a title in a sentence, gender unknown", "Senator"),
    ("Representative", "F"): pgettext_lazy("a woman's title in a sentence", "Representative"),
    ("Representative", "M"): pgettext_lazy("a man's title in a sentence", "Representative"),
    ("Representative", ""): pgettext_lazy(
        "a title in a sentence, gender unknown", "Representative"
    ),
    ("Delegate", "F"): pgettext_lazy("a woman's title in a sentence", "Delegate"),
    ("Delegate", "M"): pgettext_lazy("a man's title in a sentence", "Delegate"),
    ("Delegate", ""): pgettext_lazy("a title in a sentence, gender unknown", "Delegate"),
    ("Resident Commissioner", "F"): pgettext_lazy(
        "a woman's title in a sentence", "Resident Commissioner"
    ),
    ("Resident Commissioner", "M"): pgettext_lazy(
        "a man's title in a sentence", "Resident Commissioner"
    ),
    ("Resident Commissioner", ""): pgettext_lazy(
        "a title in a sentence, gender unknown", "Resident Commissioner"
    ),
}
# Articles for an editor's own titles in a Spanish sentence ("el director de la oficina").
SPANISH_ARTICLES = {"F": "la", "M": "el"}
PARTY_NAMES = {
    "Democrat": _("Democrat"),
    "Republican": _("Republican"),
    "Independent": _("Independent"),
}


def tel_href(phone):
    """A `tel:` link in international (E.164) form, or "" when the number cannot be dialled:
    the site's one rule for phone links (home/links.py)."""
    return tel_url(phone)


class TargetQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True)

    def members_of_congress(self):
        return self.exclude(bioguide_id="")


class Target(ClusterableModel):
    """Someone an urgent action asks readers to call or write to."""

    class Chamber(models.TextChoices):
        SENATE = "senate", _("Senate")
        HOUSE = "house", _("House of Representatives")
        OTHER = "other", _("Other")

    class Gender(models.TextChoices):
        # The open data's `bio.gender`; it only chooses the grammatical form of a title.
        FEMALE = "F", _("Female")
        MALE = "M", _("Male")

    bioguide_id = models.CharField(
        _("Bioguide ID"),
        max_length=16,
        blank=True,
        help_text=_(
            "Congress's stable identifier. Filled in by the import for members of "
            "Congress; leave blank for your own targets."
        ),
    )
    chamber = models.CharField(
        _("chamber"), max_length=10, choices=Chamber.choices, default=Chamber.OTHER
    )
    title = models.CharField(
        _("title"),
        max_length=100,
        help_text=_('For example "Governor" or "Field Office Director".'),
    )
    gender = models.CharField(
        _("grammatical gender of the title"),
        max_length=1,
        blank=True,
        choices=Gender.choices,
        help_text=_(
            'Chooses the Spanish form of the title ("Senadora" or "Senador"). Filled in by '
            "the import for members of Congress."
        ),
    )
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    full_name = models.CharField(
        _("full name"), max_length=200, help_text=_("As it should be shown to readers.")
    )
    party = models.CharField(_("party"), max_length=50, blank=True)
    state = models.CharField(_("state"), max_length=2, blank=True, choices=STATE_CHOICES)
    district = models.PositiveSmallIntegerField(
        _("district"),
        null=True,
        blank=True,
        help_text=_("House district; 0 for an at-large seat or a delegate."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(
        _("email"),
        blank=True,
        help_text=_("Only for your own targets; members of Congress use contact forms."),
    )
    office_address = models.CharField(_("office address"), max_length=255, blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_form_url = models.URLField(_("contact form URL"), blank=True)
    term_start = models.DateField(_("term start"), null=True, blank=True)
    term_end = models.DateField(_("term end"), null=True, blank=True)
    is_current = models.BooleanField(
        _("current"),
        default=True,
        help_text=_("Only current targets are offered to readers and editors."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = TargetQuerySet.as_manager()

    panels = [
        HelpPanel(
            content=_(
                "Members of Congress are refreshed from public data by the import "
                "commands: changes to their names, phones or links are overwritten at the "
                "next import. Add your own targets freely."
            )
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("title"), FieldPanel("gender"), FieldPanel("chamber")]),
                InlinePanel(
                    "title_translations",
                    label=_("Title in another language"),
                    heading=_("The title in other languages"),
                    help_text=_(
                        "For your own titles, e.g. “Secretary of Homeland Security” → "
                        "“Secretario de Seguridad Nacional”. Titles of members of Congress are "
                        "translated for you."
                    ),
                ),
                FieldPanel("full_name"),
                FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
                FieldRowPanel([FieldPanel("party"), FieldPanel("state"), FieldPanel("district")]),
            ],
            heading=_("Who"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("office_address"),
                FieldPanel("website"),
                FieldPanel("contact_form_url"),
            ],
            heading=_("How to reach them"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("term_start"), FieldPanel("term_end")]),
                FieldPanel("is_current"),
                FieldPanel("bioguide_id"),
            ],
            heading=_("Term"),
        ),
        InlinePanel("offices", heading=_("Local offices"), label=_("office")),
    ]

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["state", "chamber", "district", "last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["bioguide_id"],
                condition=~Q(bioguide_id=""),
                name="officials_target_unique_bioguide_id",
            )
        ]
        indexes = [
            models.Index(
                fields=["state", "chamber", "district", "is_current"],
                name="officials_target_seat_idx",
            )
        ]

    def __str__(self):
        if self.state:
            return f"{self.display_title} {self.full_name} ({self.seat_label})"
        return f"{self.display_title} {self.full_name}"

    @property
    def display_title(self):
        """The title in the reader's language: the known titles of members of Congress from
        our catalogue, agreeing with the person's gender ("Senadora", "Senador"), an
        editor's own title from its translations, else as typed."""
        known = GENDERED_TITLES.get((self.title, self.gender)) or KNOWN_TITLES.get(self.title)
        if known is not None:
            return str(known)
        if self.pk:
            language = active_language()
            for row in self.title_translations.all():
                if row.language == language and row.title:
                    return row.title
        return self.title

    @property
    def name_in_sentence(self):
        """The title and name as a spoken sentence says them, for call scripts' {official}:
        "Senator Ana López" in English, "la senadora Ana López" in Spanish (the title
        lists of the admin and the step keep "Senadora Ana López")."""
        key = (self.title, self.gender if self.gender in SPANISH_ARTICLES else "")
        title = SENTENCE_TITLES.get(key)
        if title is not None:
            return f"{title} {self.full_name}".strip()
        title = self.display_title
        article = SPANISH_ARTICLES.get(self.gender)
        language = active_language()
        if language == "es" and article and title:
            # "el director…"; a title that opens with an acronym ("ICE …") keeps its case.
            first = title.split()[0]
            title = f"{article} {title if first.isupper() else title[:1].lower() + title[1:]}"
        return f"{title} {self.full_name}".strip()

    @property
    def party_display(self):
        known = PARTY_NAMES.get(self.party)
        return str(known) if known is not None else self.party

    @property
    def party_initial(self):
        return self.party[:1] if self.party else ""

    @property
    def state_name(self):
        return STATE_NAMES.get(self.state, self.state)

    @property
    def seat_label(self):
        """Where this target sits: "Texas", "Texas, district 23", "Alaska, at-large"."""
        if not self.state:
            return ""
        if self.chamber != self.Chamber.HOUSE or self.district is None:
            return self.state_name
        if self.district == 0:
            if self.state in NO_SENATORS:
                return self.state_name
            return _("%(state)s, at-large") % {"state": self.state_name}
        return _("%(state)s, district %(district)s") % {
            "state": self.state_name,
            "district": self.district,
        }

    @property
    def tel_href(self):
        return tel_href(self.phone)

    @property
    def contact_url(self):
        """Where to write to them: the contact form, else the website (most House
        members publish only a website)."""
        return self.contact_form_url or self.website


class TargetTitleTranslation(Orderable):
    """An editor's own title in another language (an agency head, a mayor).

    Targets are one record for every language (a phone number does not change), so only
    the title is translated, here, rather than copying the whole target per locale.
    """

    target = ParentalKey(Target, on_delete=models.CASCADE, related_name="title_translations")
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=[
            (code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
        ],
    )
    title = models.CharField(_("title"), max_length=100)

    panels = [FieldRowPanel([FieldPanel("language"), FieldPanel("title")])]

    class Meta(Orderable.Meta):
        verbose_name = _("title translation")
        verbose_name_plural = _("title translations")

    def __str__(self):
        return f"{self.language}: {self.title}"


class TargetOffice(Orderable):
    """A target's local office: often easier to reach than the Washington line."""

    target = ParentalKey(Target, on_delete=models.CASCADE, related_name="offices")
    source_id = models.CharField(
        _("source ID"), max_length=100, blank=True, help_text=_("Set by the import.")
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    state = models.CharField(_("state"), max_length=2, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    suite = models.CharField(_("suite"), max_length=100, blank=True)
    building = models.CharField(_("building"), max_length=200, blank=True)
    zip_code = models.CharField(_("ZIP code"), max_length=10, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("city"), FieldPanel("state")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("suite"), FieldPanel("building"), FieldPanel("zip_code")]),
        FieldPanel("phone"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("local office")
        verbose_name_plural = _("local offices")

    def __str__(self):
        return self.city or self.address

    @property
    def tel_href(self):
        return tel_href(self.phone)

    @property
    def full_address(self):
        parts = [self.building, self.address, self.suite]
        street = ", ".join(p for p in parts if p)
        place = " ".join(
            p for p in [self.city + ("," if self.city else ""), self.state, self.zip_code] if p
        )
        return ", ".join(p for p in [street, place.strip()] if p)


class ZipDistrict(models.Model):
    """One (ZIP, state, district) pair: a ZIP has as many rows as districts it touches."""

    # The unique constraint's index starts with zip_code: it is the lookup's index.
    zip_code = models.CharField(_("ZIP code"), max_length=5)
    state = models.CharField(_("state"), max_length=2)
    district = models.PositiveSmallIntegerField(_("district"))

    class Meta:
        verbose_name = _("ZIP code district")
        verbose_name_plural = _("ZIP code districts")
        constraints = [
            models.UniqueConstraint(
                fields=["zip_code", "state", "district"], name="officials_zipdistrict_unique"
            )
        ]

    def __str__(self):
        return f"{self.zip_code} → {self.state}-{self.district}"


# The lookup keeps the current members in memory (see officials/lookup.py); this shared token
# tells every server process when officials or districts changed so it reloads them.
OFFICIALS_VERSION_KEY = "haven:officials:version"


def officials_version():
    version = cache.get(OFFICIALS_VERSION_KEY)
    if version is None:
        cache.add(OFFICIALS_VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(OFFICIALS_VERSION_KEY)
    return version


def bump_officials_version(**kwargs):
    """Mark the in-memory officials stale now and again once the transaction commits (a
    process reloading in between would otherwise keep what the commit replaced)."""
    cache.set(OFFICIALS_VERSION_KEY, uuid.uuid4().hex, timeout=None)
    transaction.on_commit(lambda: cache.set(OFFICIALS_VERSION_KEY, uuid.uuid4().hex, timeout=None))


for _model in (Target, TargetOffice, ZipDistrict):
    post_save.connect(bump_officials_version, sender=_model, dispatch_uid=f"bump-{_model.__name__}")
    post_delete.connect(
        bump_officials_version, sender=_model, dispatch_uid=f"bump-del-{_model.__name__}"
    )
