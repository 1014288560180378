"""Demo urgent actions in English and Spanish, with a few fictional responses.

Open and closed actions of each kind (sign, call, email). Spanish pages are real
wagtail-localize translations built from the glossary. The pages go to
`ctx.extra["demo_actions"]` so the stories demo can link to them.
"""

import datetime
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from actions.counting import canonical_email
from actions.models import ActionIndexPage, ActionResponse, ActionTarget, UrgentActionPage
from home.demo import upsert_page
from home.roles import CAMPAIGN_MANAGERS, ensure_roles
from officials.lookup import lookup_zip_safely, seat_of
from officials.models import Target
from translation.builders import translate

DAY = datetime.timedelta(days=1)


def _para(g, english, spanish):
    return "<p>" + g(english, spanish) + "</p>"


def _sign(g):
    return (
        "sign",
        {
            "heading": g("Sign the letter", "Firme la carta"),
            "introduction": g(
                "Your name joins the letter we hand to the field office director on the deadline.",
                "Su nombre se suma a la carta que entregaremos al director de la oficina "
                "local en la fecha límite.",
            ),
            "letter": _para(g, "Dear Director,", "Estimado director:")
            + _para(
                g,
                "We are neighbours, teachers and members of faith communities, and we are "
                "writing about a mother and her two sons who asked for asylum at the border "
                "and have now been held for more than five months.",
                "Somos vecinos, docentes y miembros de comunidades de fe, y le escribimos "
                "sobre una madre y sus dos hijos que pidieron asilo en la frontera y llevan "
                "más de cinco meses detenidos.",
            ),
            "demands": [
                g(
                    "Release the family on parole while their case is heard.",
                    "Liberar a la familia bajo palabra mientras se resuelve su caso.",
                ),
                g(
                    "Let their lawyer visit and call them without delay.",
                    "Permitir que su abogada los visite y los llame sin demora.",
                ),
                g(
                    "Give the younger son the medical care his doctors asked for.",
                    "Dar al hijo menor la atención médica que pidieron sus médicos.",
                ),
            ],
            "closing": g("Respectfully,", "Atentamente,"),
        },
    )


def _call(g):
    return (
        "call",
        {
            "heading": g("Call the field office", "Llame a la oficina local"),
            "recipients": "both",
            "script": g(
                "Hello, my name is {first_name} and I live in {city}, {state}. I am calling "
                "{official} to ask for the release of the family held since spring. They "
                "have a sponsor waiting for them. Thank you for passing on my message.",
                "Hola, me llamo {first_name} y vivo en {city}, {state}. Llamo a {official} "
                "para pedir la liberación de la familia detenida desde la primavera. Tienen "
                "un patrocinador que los espera. Gracias por transmitir mi mensaje.",
            ),
            "numbers": [
                {
                    "label": g("Field office (fictional)", "Oficina local (ficticia)"),
                    "number": g("202-555-0143", "202-555-0143"),
                }
            ],
        },
    )


def _email(g):
    return (
        "email",
        {
            "heading": g("Write to your members of Congress", "Escriba a sus congresistas"),
            "recipients": "zip",
            "subject": g(
                "Please help reunite a separated family",
                "Por favor ayude a reunir a una familia separada",
            ),
            "body": g(
                "Dear {official},\n\nI am your constituent in {city}, {state}. A father and "
                "his daughter were separated at the border and have not spoken in weeks. "
                "Please ask the agency to reunite them and to tell their lawyer where the "
                "girl is.\n\nThank you,\n{first_name}",
                "Estimado/a {official}:\n\nSoy su elector/a en {city}, {state}. Un padre y "
                "su hija fueron separados en la frontera y no han hablado en semanas. Por "
                "favor pida a la agencia que los reúna y que informe a su abogado dónde "
                "está la niña.\n\nGracias,\n{first_name}",
            ),
            "addresses": ["casework@example.org"],
        },
    )


def _actions(g, now):
    return [
        {
            "slug": g("release-the-family", "liberen-a-la-familia"),
            "title": g(
                "Release the family held since spring",
                "Liberen a la familia detenida desde la primavera",
            ),
            "summary": g(
                "A mother and her two sons have waited five months in detention. Add your "
                "name to the letter asking for their release.",
                "Una madre y sus dos hijos llevan cinco meses detenidos. Agregue su nombre a "
                "la carta que pide su liberación.",
            ),
            "why": _para(
                g,
                "Families with a sponsor and a pending asylum case can be released on "
                "parole. Public letters have moved officials to use that power before.",
                "Las familias con patrocinador y un caso de asilo pendiente pueden ser "
                "liberadas bajo palabra. Las cartas públicas ya han movido antes a los "
                "funcionarios a usar ese poder.",
            ),
            "note": g("The field office director", "El director de la oficina local"),
            "recipients": "chosen",
            "status": "open",
            "deadline": now + 12 * DAY,
            "goal": 500,
            "ways": [_sign(g), _call(g)],
            "signers": 7,
            "director": True,
        },
        {
            "slug": g("reunite-father-and-daughter", "reunan-a-padre-e-hija"),
            "title": g("Reunite a father and his daughter", "Reúnan a un padre con su hija"),
            "summary": g(
                "Separated at the border, they have not spoken in weeks. Email your members "
                "of Congress today.",
                "Los separaron en la frontera y no han hablado en semanas. Escriba hoy a sus "
                "congresistas.",
            ),
            "why": _para(
                g,
                "Congressional offices can ask the agency about a case directly. A few "
                "dozen messages from constituents often decide whether they do.",
                "Las oficinas del Congreso pueden preguntar directamente a la agencia por un "
                "caso. Unas decenas de mensajes de electores suelen decidir si lo hacen.",
            ),
            "note": g(
                "Your two senators and your representative", "Sus dos senadores y su representante"
            ),
            "recipients": "zip",
            "status": "open",
            "deadline": now + 20 * DAY,
            "goal": 200,
            "ways": [_email(g)],
            "signers": 0,
        },
        {
            "slug": g("stop-the-transfer", "detengan-el-traslado"),
            "title": g(
                "Stop the transfer far from his lawyer", "Detengan el traslado lejos de su abogada"
            ),
            "summary": g(
                "A young man with a hearing next month may be moved a thousand miles away. "
                "Call before Friday.",
                "Un joven con audiencia el próximo mes podría ser trasladado a mil millas. "
                "Llame antes del viernes.",
            ),
            "why": "",
            "note": g("The field office", "La oficina local"),
            "recipients": "chosen",
            "status": "open",
            "deadline": now + 5 * DAY,
            "goal": None,
            "ways": [_call(g)],
            "signers": 0,
            "director": True,
        },
        {
            "slug": g("medical-care-now", "atencion-medica-ya"),
            "title": g(
                "Medical care for a child in detention", "Atención médica para un niño detenido"
            ),
            "summary": g(
                "Thousands signed, and the boy was taken to a children's hospital.",
                "Miles firmaron y el niño fue llevado a un hospital infantil.",
            ),
            "why": "",
            "note": g(
                "The detention centre's medical director",
                "La directora médica del centro de detención",
            ),
            "recipients": "chosen",
            "status": "won",
            "outcome": _para(
                g,
                "We won. Three days after we delivered the letter, the boy was seen by "
                "specialists. Thank you to everyone who signed.",
                "Ganamos. Tres días después de entregar la carta, especialistas atendieron "
                "al niño. Gracias a todas las personas que firmaron.",
            ),
            "deadline": datetime.datetime(2026, 9, 30, 17, tzinfo=datetime.UTC),
            "goal": 1000,
            "ways": [_sign(g)],
            "signers": 5,
        },
        {
            "slug": g("keep-the-shelter-open", "que-el-albergue-siga-abierto"),
            "title": g("Keep the family shelter open", "Mantengan abierto el albergue familiar"),
            "summary": g(
                "The deadline for calls and emails about the shelter's funding has passed.",
                "Ya pasó el plazo para llamar y escribir sobre los fondos del albergue.",
            ),
            "why": "",
            "note": g("The city council", "El concejo municipal"),
            "recipients": "zip",
            "status": "closed",
            "outcome": _para(
                g,
                "The council voted to fund the shelter for six more months. We will be back "
                "before the next vote.",
                "El concejo votó financiar el albergue seis meses más. Volveremos antes de la "
                "próxima votación.",
            ),
            "deadline": datetime.datetime(2026, 10, 15, 21, tzinfo=datetime.UTC),
            "goal": 300,
            "ways": [_call(g), _email(g)],
            "signers": 0,
        },
    ]


DEMO_PEOPLE = [
    # ZIPs of the built-in officials sample first, so delivery packets group by seat.
    ("Alma", "Reyes", "alma.reyes@example.org", "21201", "es"),
    ("Ben", "Okafor", "ben.okafor@example.com", "05401", "en"),
    ("Carmen", "Díaz", "carmen.diaz@example.org", "20001", "es"),
    ("Dev", "Patel", "dev.patel@example.com", "21202", "en"),
    ("Eun-ji", "Park", "eunji.park@example.org", "98103", "en"),
    ("Fátima", "Haddad", "fatima.haddad@example.com", "48126", "en"),
    ("Gustavo", "Lima", "gustavo.lima@example.org", "33125", "es"),
]


def build(ctx):
    g = ctx.glossary
    index, _ = upsert_page(
        ctx.home,
        ActionIndexPage,
        g("actions", "acciones"),
        title=g("Urgent actions", "Acciones urgentes"),
        show_in_menus=True,
        intro=g(
            "Each action takes about a minute. Sign, call or write before the deadline.",
            "Cada acción toma alrededor de un minuto. Firme, llame o escriba antes de la "
            "fecha límite.",
        ),
    )
    translate(index, ctx.spanish, g)
    ctx.extra["action_index"] = index

    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    pages = []
    for spec in _actions(g, now):
        page, _ = upsert_page(
            index,
            UrgentActionPage,
            spec["slug"],
            title=spec["title"],
            summary=spec["summary"],
            why_it_matters=spec["why"],
            recipients=spec["recipients"],
            recipients_note=spec["note"],
            status=spec["status"],
            signature_goal=spec["goal"],
            outcome_message=spec.get("outcome", ""),
        )
        # The stream and the deadline are set once, so a second run changes nothing.
        if not page.ways_to_act or page.deadline is None:
            page.ways_to_act = spec["ways"]
            page.deadline = spec["deadline"]
            page.save_revision().publish()
        if spec.get("director"):
            _choose(page, _field_office_director())
        translate(page, ctx.spanish, g)
        _responses(page, spec["signers"])
        pages.append(page)
    ctx.extra["demo_actions"] = pages
    _organiser_login(ctx)


def _field_office_director():
    """A fictional official who is not in Congress, chosen on the demo's call actions."""
    target, _ = Target.objects.get_or_create(
        chamber=Target.Chamber.OTHER,
        full_name="Jordan Reyes-Hall",
        defaults={
            "bioguide_id": "",
            "title": "Field Office Director",
            "first_name": "Jordan",
            "last_name": "Reyes-Hall",
            "phone": "202-555-0143",
            "website": "https://example.org/field-office",
            "is_current": True,
        },
    )
    return target


def _choose(page, target):
    if not page.action_targets.filter(target=target).exists():
        page.action_targets.add(ActionTarget(target=target))
        page.save_revision().publish()


def _responses(page, n):
    for first, last, email, zip_code, language in DEMO_PEOPLE[:n]:
        state, district = seat_of(lookup_zip_safely(zip_code))
        ActionResponse.objects.get_or_create(
            action_key=page.translation_key,
            kind=ActionResponse.Kind.SIGN,
            email_canonical=canonical_email(email),
            defaults={
                "page": page,
                "language": language,
                "first_name": first,
                "last_name": last,
                "email": email,
                "zip_code": zip_code,
                "state": state,
                "district": district,
                "show_publicly": first in {"Alma", "Ben", "Eun-ji"},
            },
        )


def _organiser_login(ctx):
    """A campaign manager who can see responses, next to the all-powerful admin."""
    ensure_roles()
    User = get_user_model()
    password = os.environ.get("HAVEN_DEMO_PASSWORD", "haven-demo")
    user, _ = User.objects.get_or_create(
        username="organiser", defaults={"email": "organiser@example.org"}
    )
    user.is_active = True
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get(name=CAMPAIGN_MANAGERS))
    ctx.extra.setdefault("logins", []).append(
        f"  Campaign manager (sees responses): user: organiser   password: {password}"
    )
