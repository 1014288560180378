"""Demo content for the home app: the two home pages, organisation details, settings and
a privacy page. Called by `manage.py load_demo`; safe to run again."""

from wagtail.models import Page, Site

from home.links import set_default_site_address
from home.models import HavenSettings, HomePage, OrganisationDetails, StandardPage
from translation.builders import translate


def upsert_page(parent, model, slug, **fields):
    """Create `model` under `parent` or bring the existing one up to date.

    Publishes a new revision only when a field changed, so a second run changes nothing.
    """
    page = model.objects.child_of(parent).filter(slug=slug, locale=parent.locale).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page, True
    changed = [name for name, value in fields.items() if getattr(page, name) != value]
    if changed or not page.live:
        for name in changed:
            setattr(page, name, fields[name])
        page.save_revision().publish()
    return page, bool(changed)


def build(ctx):
    g = ctx.glossary
    root = Page.get_first_root_node()
    if root is None:
        # A flushed database (Wagtail's migrations normally create the root).
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=ctx.english))
    site = Site.objects.filter(is_default_site=True).first()

    home = HomePage.objects.filter(depth=2, locale=ctx.english).first()
    if home is None:
        # Replace Wagtail's placeholder "Welcome" page, which owns the "home" slug.
        for placeholder in Page.objects.filter(depth=2, content_type__model="page"):
            placeholder.delete()
        home = HomePage(
            title=g("Haven", "Haven"),
            slug="home",
            heading=g("Stand with people seeking safety", "Acompañe a quienes buscan protección"),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    fields = {
        "title": g("Haven", "Haven"),
        "heading": g("Stand with people seeking safety", "Acompañe a quienes buscan protección"),
        "intro": "<p>"
        + g(
            "Real people are waiting in detention, in camps and apart from their children. "
            "Read their stories and act for them in under a minute.",
            "Hay personas reales esperando en centros de detención, en campamentos y lejos de "
            "sus hijos. Lea sus historias y actúe por ellas en menos de un minuto.",
        )
        + "</p>",
        "stories_heading": g("Cases that need you now", "Casos que le necesitan ahora"),
        "actions_heading": g("Act now", "Actúe ahora"),
        "search_description": g(
            "Case stories and urgent actions for asylum seekers and refugees.",
            "Historias y acciones urgentes por personas solicitantes de asilo y refugiadas.",
        ),
    }
    changed = [k for k, v in fields.items() if getattr(home, k) != v]
    if changed or not home.live:
        for k in changed:
            setattr(home, k, fields[k])
        home.save_revision().publish()
    if site is None:
        site = Site.objects.create(
            hostname=ctx.host,
            port=ctx.port,
            root_page=home,
            is_default_site=True,
            site_name="Haven",
        )
    elif site.root_page_id != home.id:
        site.root_page = home
        site.site_name = "Haven"
        site.save()
    # Absolute links (hreflang, feeds, share links, emails) point where the demo is served.
    set_default_site_address(ctx.host, ctx.port)
    ctx.home = home

    privacy, _ = upsert_page(
        home,
        StandardPage,
        "privacy",
        title=g("Privacy", "Privacidad"),
        show_in_menus=False,
        body="<p>"
        + g(
            "We ask only for what an action needs: your name, email and ZIP code. We never "
            "sell or share it, and we delete it after the action closes.",
            "Solo pedimos lo que una acción necesita: su nombre, correo electrónico y código "
            "postal. Nunca los vendemos ni compartimos, y los borramos cuando la acción se "
            "cierra.",
        )
        + "</p>",
    )

    organisation = OrganisationDetails.objects.filter(locale=ctx.english).first()
    org_fields = {
        "name": g("Haven Refugee Defense Network", "Red Haven de Defensa de Personas Refugiadas"),
        "tagline": g("Case stories and urgent actions", "Historias de casos y acciones urgentes"),
        "footer_note": g(
            "Demo content: the people and organisations on this site are fictional.",
            "Contenido de demostración: las personas y organizaciones de este sitio son ficticias.",
        ),
    }
    if organisation is None:
        organisation = OrganisationDetails.objects.create(locale=ctx.english, **org_fields)
    elif any(getattr(organisation, k) != v for k, v in org_fields.items()):
        for k, v in org_fields.items():
            setattr(organisation, k, v)
        organisation.save()

    haven = HavenSettings.for_site(site)
    wanted = {
        "organisation_id": organisation.pk,
        "donate_url": "https://example.org/donate",
        "privacy_page_id": privacy.pk,
        "contact_email": "hello@example.org",
    }
    if any(getattr(haven, k) != v for k, v in wanted.items()):
        for k, v in wanted.items():
            setattr(haven, k, v)
        haven.save()

    # Spanish, through wagtail-localize: the same records a translator would create.
    g("home", "inicio")
    g("privacy", "privacidad")
    translate(home, ctx.spanish, g)
    translate(privacy, ctx.spanish, g)
    translate(organisation, ctx.spanish, g)
    ctx.home_es = home.get_translation(ctx.spanish)

    build_translation_in_progress(ctx, home)


# Half of this page is translated, as a translator would leave it mid-task, so the
# translation dashboard has real work to show. The English is a draft being prepared for
# launch in both languages, and the Spanish stays an unpublished draft: nothing half
# translated is ever live.
HOW_WE_WORK = [
    ("How we work", "Cómo trabajamos"),
    ("how-we-work", "como-trabajamos"),
    ("Every case starts with a conversation.", "Cada caso empieza con una conversación."),
    (
        "We only tell a story when the person has agreed to it, and they can withdraw at any time.",
        "Solo contamos una historia cuando la persona está de acuerdo, y puede retirarla en "
        "cualquier momento.",
    ),
    ("Volunteers check every detail before anything is published.", None),
    ("We close each action when its deadline passes and report what changed.", None),
]


def build_translation_in_progress(ctx, home):
    title = HOW_WE_WORK[0][0]
    body = "".join(f"<p>{english}</p>" for english, _es in HOW_WE_WORK[2:])
    page = StandardPage.objects.child_of(home).filter(slug="how-we-work").first()
    if page is None:
        page = StandardPage(title=title, slug="how-we-work", body=body, live=False)
        home.add_child(instance=page)
        page.save_revision()
    elif (page.title, page.body) != (title, body):
        page.title, page.body = title, body
        page.save_revision()
        page.save(update_fields=["title", "body"])
    done = {english: spanish for english, spanish in HOW_WE_WORK if spanish}
    translate(page, ctx.spanish, done, publish=False)
