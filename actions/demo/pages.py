"""Demo urgent actions in English and Spanish, with a few fictional responses.

Open and closed actions of each kind (sign, call, email), an open pledge, and a letter
with its own version for the chosen official. Spanish pages are real wagtail-localize
translations built from the glossary. The pages go to `ctx.extra["demo_actions"]` so the
stories demo can link to them.
"""

import datetime
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from actions.counting import canonical_email
from actions.models import (
    ActionIndexPage,
    ActionResponse,
    ActionTarget,
    LetterVersion,
    UrgentActionPage,
)
from home.demo import upsert_page
from home.roles import CAMPAIGN_MANAGERS, ensure_roles
from officials.lookup import seat_for_zip
from officials.models import Target, TargetTitleTranslation
from translation.builders import translate

DAY = datetime.timedelta(days=1)


def _para(g, english, spanish):
    return "<p>" + g(english, spanish) + "</p>"


def _sign(g):
    """The letter for Mr. K., the father in the K. family's story (stories/demo.py)."""
    return (
        "sign",
        {
            "heading": g("Sign the letter", "Firme la carta"),
            "introduction": g(
                "Your name joins the letter we hand to the field office director on the deadline.",
                "Su nombre se suma a la carta que entregaremos al director de la oficina "
                "local en la fecha límite.",
            ),
            "letter": _para(g, "Dear Director,", "Señor director:")
            + _para(
                g,
                "We are neighbours, teachers and members of faith communities, and we are "
                "writing about Mr. K., who was detained at a routine check-in in September "
                "and is now held a thousand miles from his wife and their two daughters.",
                "Somos vecinos, docentes y miembros de comunidades de fe, y le escribimos "
                "sobre el señor K., detenido en una cita de control rutinaria en septiembre "
                "y recluido ahora a mil millas de su esposa y de sus dos hijas.",
            ),
            "demands": [
                g(
                    "Release Mr. K. on parole while his case is heard.",
                    "Libere al señor K. bajo palabra mientras se resuelve su caso.",
                ),
                g(
                    "Until then, move him to a centre near his family and his lawyer.",
                    "Mientras tanto, trasládelo a un centro cercano a su familia y a su abogada.",
                ),
                g(
                    "Let his daughters speak to him by video every week.",
                    "Permita que sus hijas hablen con él por video cada semana.",
                ),
            ],
            "closing": g("Respectfully,", "Atentamente,"),
        },
    )


def _call(g, script):
    return (
        "call",
        {
            "heading": g("Call the field office", "Llame a la oficina local"),
            "recipients": "both",
            "script": script,
            "numbers": [
                {
                    "label": g("Field office (fictional)", "Oficina local (ficticia)"),
                    "number": g("202-555-0143", "202-555-0143"),
                }
            ],
        },
    )


def _call_for_k(g):
    return _call(
        g,
        g(
            "Hello, my name is {first_name} and I live in {city}, {state}. I am calling "
            "{official} to ask for the release of Mr. K., the father detained at his "
            "check-in in September. His wife and daughters are waiting for him at home. "
            "Thank you for passing on my message.",
            "Hola, me llamo {first_name} y vivo en {city}, {state}. Llamo a {the_official} "
            "para pedir la liberación del señor K., el padre detenido en su cita de control "
            "en septiembre. Su esposa y sus hijas lo esperan en casa. Gracias por "
            "transmitir mi mensaje.",
        ),
    )


def _call_for_samuel(g):
    return _call(
        g,
        g(
            "Hello, my name is {first_name} and I live in {city}, {state}. I am calling "
            "{official} about Samuel, the teacher detained since March. Please do not "
            "transfer him away from his lawyer before his hearing next month. Thank you "
            "for passing on my message.",
            "Hola, me llamo {first_name} y vivo en {city}, {state}. Llamo a {the_official} por "
            "Samuel, el maestro detenido desde marzo. Por favor, no lo trasladen lejos de "
            "su abogada antes de su audiencia del próximo mes. Gracias por transmitir mi "
            "mensaje.",
        ),
    )


def _email(g, subject, body):
    return (
        "email",
        {
            "heading": g("Write to your members of Congress", "Escriba a sus congresistas"),
            "recipients": "zip",
            "subject": subject,
            "body": body,
            "addresses": ["casework@example.org"],
        },
    )


def _email_for_k(g):
    return _email(
        g,
        g(
            "Please help bring a father home to his daughters",
            "Por favor, ayude a que un padre vuelva con sus hijas",
        ),
        g(
            "Dear {official},\n\nI live in {city}, {state}. Mr. K. was detained at a routine "
            "check-in in September and is held a thousand miles from his two daughters. "
            "Please ask the agency why he is held so far away and whether he can be "
            "released to his family while his case is heard.\n\nThank you,\n{first_name}",
            "Buenos días, {official}:\n\nVivo en {city}, {state}. El señor K. fue detenido "
            "en una cita de control rutinaria en septiembre y está recluido a mil millas de "
            "sus dos hijas. Por favor, pregunte a la agencia por qué lo tienen tan lejos y "
            "si puede quedar en libertad con su familia mientras se resuelve su caso."
            "\n\nGracias,\n{first_name}",
        ),
    )


def _email_for_a_family(g):
    return _email(
        g,
        g(
            "Please help the A. family travel before their visas expire",
            "Por favor, ayude a la familia A. a viajar antes de que venzan sus visas",
        ),
        g(
            "Dear {official},\n\nI live in {city}, {state}. The A. family was approved for "
            "resettlement, but their flight was cancelled and their visas expire soon. "
            "Please write to the department and ask that they travel before then."
            "\n\nThank you,\n{first_name}",
            "Buenos días, {official}:\n\nVivo en {city}, {state}. La familia A. fue "
            "aprobada para reasentamiento, pero su vuelo se canceló y sus visas vencen "
            "pronto. Por favor, escriba al departamento y pida que viajen antes."
            "\n\nGracias,\n{first_name}",
        ),
    )


def _pledge_for_the_seven(g):
    """The pledge for the seven held together (the group story in stories/demo.py)."""
    return (
        "pledge",
        {
            "heading": g("Make the pledge", "Haga el compromiso"),
            "introduction": g(
                "Immigration hearings are open to the public. Most last under an hour, and "
                "many can be followed online.",
                "Las audiencias de inmigración son públicas. La mayoría dura menos de una "
                "hora y muchas se pueden seguir en línea.",
            ),
            "pledge": g(
                "I will attend at least one of the seven's hearings, in person or online, so "
                "the court sees that their community is watching.",
                "Asistiré al menos a una de las audiencias de los siete, en persona o en "
                "línea, para que el tribunal vea que su comunidad está pendiente.",
            ),
            "ask": ["city", "organisation", "phone"],
            "require": ["city"],
            "button_label": g("I will be there", "Ahí estaré"),
            "next_steps": _para(
                g,
                "A week before the first hearing we will e-mail you the dates, the courtroom "
                "and a one-page guide to watching a hearing.",
                "Una semana antes de la primera audiencia le enviaremos por correo las fechas, "
                "la sala y una guía de una página para acompañar una audiencia.",
            ),
        },
    )


def _letter_version_for_director(g):
    """What the chosen official receives instead of the page's open letter: addressed to
    them by name ({official}), with a cover paragraph of its own."""
    return {
        "audience": LetterVersion.Audience.CHOSEN,
        "greeting": g("Dear {official},", "Estimado {official}:"),
        "body": _para(
            g,
            "We write to you by name because the decision on Mr. K.'s parole rests with your "
            "office. The people who signed below, from across the country, ask you to use it.",
            "Le escribimos por su nombre porque la decisión sobre la libertad bajo palabra "
            "del señor K. corresponde a su oficina. Las personas que firman abajo, de todo el "
            "país, le piden que la tome.",
        )
        + _para(
            g,
            "Mr. K. went to every check-in for three years. His wife and daughters, his "
            "lawyer and his congregation are ready to support him while his case is heard.",
            "El señor K. acudió a todas sus citas de control durante tres años. Su esposa y "
            "sus hijas, su abogada y su congregación están listas para apoyarlo mientras se "
            "resuelve su caso.",
        ),
        "include_demands": True,
    }


def _actions(g, now):
    """The demo's actions. Each belongs to one story in stories/demo.py (see DEMO_LINKS
    there), and its script, letter and counts say the same as that story."""
    return [
        {
            "slug": g("release-the-family", "liberen-a-la-familia"),
            "title": g(
                "Release the father held far from his daughters",
                "Liberen al padre detenido lejos de sus hijas",
            ),
            "summary": g(
                "Mr. K. has been held a thousand miles from home since a routine check-in. "
                "Add your name to the letter asking for his release.",
                "El señor K. está detenido a mil millas de su casa desde una cita de control "
                "rutinaria. Agregue su nombre a la carta que pide su liberación.",
            ),
            "why": _para(
                g,
                "People with a family, a lawyer and a pending case can be released on "
                "parole. Public letters have moved officials to use that power before.",
                "Las personas con familia, abogada y un caso pendiente pueden quedar en "
                "libertad bajo palabra. Las cartas públicas ya han movido antes a los "
                "funcionarios a usar ese poder.",
            ),
            "note": g("The field office director", "El director de la oficina local"),
            "recipients": "chosen",
            "status": "open",
            "deadline": now + 12 * DAY,
            "goal": 500,
            "ways": [_sign(g), _call_for_k(g)],
            "signers": 7,
            "director": True,
            "letter_versions": [_letter_version_for_director(g)],
        },
        {
            "slug": g("reunite-father-and-daughter", "reunan-a-padre-e-hija"),
            "title": g("Bring a father home to his daughters", "Que un padre vuelva con sus hijas"),
            "summary": g(
                "Two girls have not seen their father since September. Email your members "
                "of Congress today.",
                "Dos niñas no ven a su padre desde septiembre. Escriba hoy a sus congresistas.",
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
            "ways": [_email_for_k(g)],
            "signers": 0,
        },
        {
            "slug": g("stop-the-transfer", "detengan-el-traslado"),
            "title": g(
                "Stop Samuel's transfer far from his lawyer",
                "Detengan el traslado de Samuel lejos de su abogada",
            ),
            "summary": g(
                "Samuel has a hearing next month and may be moved a thousand miles from his "
                "lawyer. Call before Friday.",
                "Samuel tiene audiencia el próximo mes y podría ser trasladado a mil millas "
                "de su abogada. Llame antes del viernes.",
            ),
            "why": "",
            "note": g("The field office", "La oficina local"),
            "recipients": "chosen",
            "status": "open",
            "deadline": now + 5 * DAY,
            "goal": None,
            "ways": [_call_for_samuel(g)],
            "signers": 0,
            "director": True,
        },
        {
            "slug": g("medical-care-now", "atencion-medica-ya"),
            "title": g(
                "Medical care for a child in detention", "Atención médica para un niño detenido"
            ),
            "summary": g(
                "Readers asked the medical director to treat a sick boy, and he was taken to "
                "a children's hospital.",
                "Los lectores pidieron a la directora médica que atendiera a un niño enfermo, "
                "y lo llevaron a un hospital infantil.",
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
                "We won. Three days after we delivered the letter with your names, the boy "
                "was seen by specialists. Thank you to everyone who signed.",
                "Ganamos. Tres días después de entregar la carta con sus nombres, "
                "especialistas atendieron al niño. Gracias a todas las personas que firmaron.",
            ),
            "deadline": datetime.datetime(2026, 9, 30, 17, tzinfo=datetime.UTC),
            # A won action's count is what it had: the demo's five signers, no goal to miss.
            "goal": None,
            "ways": [_sign_for_boy(g)],
            "signers": 5,
        },
        {
            "slug": g("help-the-a-family-travel", "ayuden-a-la-familia-a-a-viajar"),
            "title": g(
                "Help the A. family travel before their visas expire",
                "Ayuden a la familia A. a viajar antes de que venzan sus visas",
            ),
            "summary": g(
                "Calls and emails to members of Congress about the A. family's cancelled "
                "flight are closed.",
                "Ya se cerraron las llamadas y los correos a congresistas por el vuelo "
                "cancelado de la familia A.",
            ),
            "why": "",
            "note": g(
                "Your two senators and your representative", "Sus dos senadores y su representante"
            ),
            "recipients": "zip",
            "status": "closed",
            "outcome": _para(
                g,
                "Thank you. On 12 November members of Congress wrote to the department "
                "asking that the family travel before their visas expire. Follow their "
                "story for what happens next.",
                "Gracias. El 12 de noviembre, congresistas escribieron al departamento para "
                "pedir que la familia viaje antes de que venzan sus visas. Siga su historia "
                "para saber qué pasa.",
            ),
            "deadline": datetime.datetime(2026, 11, 10, 22, tzinfo=datetime.UTC),
            "goal": None,
            "ways": [
                _call(
                    g,
                    g(
                        "Hello, my name is {first_name} and I live in {city}, {state}. I am "
                        "calling {official} to ask them to write to the department so the A. "
                        "family can travel before their visas expire. Thank you.",
                        "Hola, me llamo {first_name} y vivo en {city}, {state}. Llamo a "
                        "{the_official} para pedirle que escriba al departamento para que la "
                        "familia A. pueda viajar antes de que venzan sus visas. Gracias.",
                    ),
                ),
                _email_for_a_family(g),
            ],
            "signers": 0,
        },
        {
            "slug": g("watch-the-hearings-of-the-seven", "acompanen-las-audiencias-de-los-siete"),
            "title": g(
                "Pledge to watch the hearings of the seven held together",
                "Comprométase a acompañar las audiencias de los siete detenidos juntos",
            ),
            "summary": g(
                "Seven people who asked for asylum together go before a judge one by one "
                "this winter. Pledge to be there, in the courtroom or online.",
                "Siete personas que pidieron asilo juntas comparecen una por una ante un juez "
                "este invierno. Comprométase a acompañarlas, en la sala o en línea.",
            ),
            "why": _para(
                g,
                "A public gallery with people in it tells the court that the community is "
                "paying attention, and tells the seven that they are not alone.",
                "Una sala con público le dice al tribunal que la comunidad está pendiente, y "
                "les dice a los siete que no están solos.",
            ),
            "note": "",
            "recipients": "chosen",
            "status": "open",
            "deadline": now + 30 * DAY,
            "goal": 100,
            "ways": [_pledge_for_the_seven(g)],
            "signers": 3,
            "kind": ActionResponse.Kind.PLEDGE,
        },
    ]


def _sign_for_boy(g):
    return (
        "sign",
        {
            "heading": g("Sign the letter", "Firme la carta"),
            "introduction": "",
            "letter": _para(g, "Dear Medical Director,", "Señora directora médica:")
            + _para(
                g,
                "A nine-year-old boy in your centre has had a high fever for a week. We ask "
                "you to have him seen by a children's doctor today.",
                "Un niño de nueve años de su centro tiene fiebre alta desde hace una semana. "
                "Le pedimos que hoy mismo lo atienda un pediatra.",
            ),
            "demands": [],
            "closing": g("Respectfully,", "Atentamente,"),
        },
    )


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
        if spec.get("letter_versions"):
            _add_letter_versions(page, spec["letter_versions"])
        translate(page, ctx.spanish, g)
        _responses(page, spec["signers"], spec.get("kind", ActionResponse.Kind.SIGN))
        pages.append(page)
    ctx.extra["demo_actions"] = pages
    _organiser_login(ctx)


def _field_office_director():
    """A fictional official who is not in Congress, chosen on the demo's call actions and
    greeted by name in the K. family letter's version."""
    target, _ = Target.objects.get_or_create(
        chamber=Target.Chamber.OTHER,
        full_name="Jordan Reyes-Hall",
        defaults={
            "bioguide_id": "",
            "title": "Field Office Director",
            # The grammatical gender of the title: Spanish scripts say "Llamo al director…".
            "gender": "M",
            "first_name": "Jordan",
            "last_name": "Reyes-Hall",
            "phone": "202-555-0143",
            "website": "https://example.org/field-office",
            "is_current": True,
        },
    )
    # The Spanish page's letter version greets the director by a Spanish title.
    TargetTitleTranslation.objects.get_or_create(
        target=target, language="es", defaults={"title": "Director de la Oficina Local"}
    )
    return target


def _choose(page, target):
    if not page.action_targets.filter(target=target).exists():
        page.action_targets.add(ActionTarget(target=target))
        page.save_revision().publish()


def _add_letter_versions(page, versions):
    """Add the letter versions once: an editor's later changes to them are kept."""
    if page.letter_versions.exists():
        return
    for number, version in enumerate(versions):
        page.letter_versions.add(LetterVersion(locale=page.locale, sort_order=number, **version))
    page.save_revision().publish()


# Where the demo's pledgers live (a pledge asks for the city).
DEMO_CITIES = {"21201": "Baltimore", "05401": "Burlington", "20001": "Washington"}


def _responses(page, n, kind=ActionResponse.Kind.SIGN):
    for first, last, email, zip_code, language in DEMO_PEOPLE[:n]:
        state, district = seat_for_zip(zip_code)
        pledge = kind == ActionResponse.Kind.PLEDGE
        ActionResponse.objects.get_or_create(
            action_key=page.translation_key,
            kind=kind,
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
                "city": DEMO_CITIES.get(zip_code, "") if pledge else "",
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
