"""Demo case stories in English and Spanish: individuals, families and a group.

The people are fictional. Pictures are abstract illustrations drawn here with Pillow, never
photographs of people, and every story has consent on file (as a real one must before it
can be published). Safe to run again: nothing changes when nothing differs.
"""

import datetime
import io
import random
from dataclasses import dataclass, field

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.rich_text import RichText

from home.demo import upsert_page
from home.models import HomeFeaturedStory, HomePage
from stories.models import (
    CampaignAction,
    CampaignPage,
    CaseIndexPage,
    CaseStoryAction,
    CaseStoryCountry,
    CaseStoryPage,
    CaseUpdate,
    ConsentRecord,
)
from translation.builders import translate

Category = CaseStoryPage.Category
Status = CaseStoryPage.Status
Outcome = CaseStoryPage.Outcome
Kind = CaseStoryPage.SubjectKind

D = datetime.date


@dataclass
class StorySpec:
    slug: str
    fields: dict
    body: list
    updates: list
    image: tuple = None  # (title, alt text (English), drawing)
    name_consent: bool = False
    # Who gave consent, one record each: every adult in a group consents for themself.
    consent_givers: tuple = ("Demo (fictional person)",)
    other_countries: tuple = ()  # a group's further countries of origin (ISO codes)
    featured: bool = False
    action_count: int = 1
    extra: dict = field(default_factory=dict)


def p(g, en, es):
    """One rich-text paragraph, translated as one segment."""
    return "<p>" + g(en, es) + "</p>"


# Illustrations -------------------------------------------------------------------------

PALETTE = {
    "dawn": ((250, 214, 165), (233, 140, 110)),
    "dusk": ((62, 74, 120), (214, 130, 110)),
    "day": ((170, 208, 230), (240, 236, 220)),
    "night": ((24, 36, 72), (70, 90, 140)),
}


def _gradient(draw, size, top, bottom):
    width, height = size
    for y in range(height):
        t = y / height
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)


def draw_horizon(draw, size, rnd):
    width, height = size
    _gradient(draw, size, *PALETTE["dawn"])
    draw.ellipse(
        [width * 0.6, height * 0.25, width * 0.6 + 180, height * 0.25 + 180], fill=(255, 240, 200)
    )
    for i, colour in enumerate([(120, 140, 110), (86, 110, 90), (60, 80, 70)]):
        base = height * (0.6 + 0.12 * i)
        points = [(0, height)]
        for x in range(0, width + 100, 100):
            points.append((x, base - rnd.randint(0, 60)))
        points.append((width, height))
        draw.polygon(points, fill=colour)


def draw_door(draw, size, rnd):
    width, height = size
    draw.rectangle([0, 0, width, height], fill=(96, 70, 60))
    draw.rectangle([width * 0.38, height * 0.15, width * 0.62, height], fill=(255, 230, 170))
    draw.polygon(
        [
            (width * 0.38, height * 0.15),
            (width * 0.3, height * 0.1),
            (width * 0.3, height),
            (width * 0.38, height),
        ],
        fill=(140, 100, 80),
    )
    draw.polygon(
        [
            (width * 0.38, height),
            (width * 0.62, height),
            (width * 0.9, height),
            (width * 0.1, height),
        ],
        fill=(255, 240, 200),
    )


def draw_birds(draw, size, rnd):
    width, height = size
    _gradient(draw, size, *PALETTE["day"])
    for _ in range(14):
        x, y, s = (
            rnd.randint(80, width - 80),
            rnd.randint(60, int(height * 0.7)),
            rnd.randint(18, 40),
        )
        draw.line([(x - s, y - s / 2), (x, y), (x + s, y - s / 2)], fill=(40, 50, 70), width=5)
    draw.rectangle([0, height * 0.85, width, height], fill=(110, 150, 120))


def draw_window(draw, size, rnd):
    width, height = size
    _gradient(draw, size, *PALETTE["night"])
    left, top = width * 0.3, height * 0.2
    pane_w, pane_h = width * 0.4, height * 0.6
    draw.rectangle([left, top, left + pane_w, top + pane_h], fill=(250, 214, 140))
    draw.line(
        [(left + pane_w / 2, top), (left + pane_w / 2, top + pane_h)], fill=(60, 50, 50), width=14
    )
    draw.line(
        [(left, top + pane_h / 2), (left + pane_w, top + pane_h / 2)], fill=(60, 50, 50), width=14
    )
    for _ in range(40):
        x, y = rnd.randint(0, width), rnd.randint(0, int(height * 0.15))
        draw.ellipse([x, y, x + 4, y + 4], fill=(240, 240, 255))


def draw_path(draw, size, rnd):
    width, height = size
    _gradient(draw, size, *PALETTE["dusk"])
    draw.rectangle([0, height * 0.55, width, height], fill=(90, 110, 80))
    draw.polygon(
        [
            (width * 0.47, height * 0.55),
            (width * 0.53, height * 0.55),
            (width * 0.85, height),
            (width * 0.15, height),
        ],
        fill=(220, 196, 150),
    )


def draw_threads(draw, size, rnd):
    width, height = size
    draw.rectangle([0, 0, width, height], fill=(244, 241, 236))
    colours = [(163, 32, 31), (11, 83, 148), (30, 107, 52), (230, 160, 60)]
    for i in range(12):
        y0, y1 = rnd.randint(0, height), rnd.randint(0, height)
        draw.line([(0, y0), (width / 2, height / 2), (width, y1)], fill=colours[i % 4], width=10)
    draw.ellipse(
        [width / 2 - 60, height / 2 - 60, width / 2 + 60, height / 2 + 60], fill=(26, 26, 26)
    )


def draw_seven(draw, size, rnd):
    """Seven simple standing figures side by side under an evening sky: a group, no faces."""
    width, height = size
    _gradient(draw, size, *PALETTE["dusk"])
    ground = height * 0.74
    draw.rectangle([0, ground, width, height], fill=(70, 86, 70))
    colours = [(250, 214, 140), (233, 140, 110), (170, 208, 230), (240, 236, 220)]
    step = width / 8
    for i in range(7):
        x = step * (i + 1)
        r = rnd.randint(30, 40)  # half the body's width; heights differ a little
        shoulders = ground - r * rnd.uniform(4.2, 5.0)
        draw.rounded_rectangle(
            [x - r, shoulders, x + r, ground + 4], radius=r, fill=colours[(i + 1) % 4]
        )
        head = r * 0.8
        draw.ellipse(
            [x - head, shoulders - 2.3 * head, x + head, shoulders - 0.3 * head],
            fill=colours[i % 4],
        )


def demo_image(title, alt, drawing):
    """An abstract illustration as a Wagtail image, created once and reused."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is not None:
        return image
    size = (1200, 800)
    canvas = PILImage.new("RGB", size, (255, 255, 255))
    drawing(ImageDraw.Draw(canvas), size, random.Random(title))  # noqa: S311 (art, not security)
    buffer = io.BytesIO()
    canvas.save(buffer, "PNG")
    collection = Collection.get_first_root_node()
    if collection is None:  # a flushed database (Wagtail's migrations normally create it)
        collection = Collection.add_root(name="Root")
    filename = title.lower().replace(" ", "-").replace(":", "") + ".png"
    return Image.objects.create(
        title=title, description=alt, collection=collection, file=ImageFile(buffer, name=filename)
    )


# The stories ---------------------------------------------------------------------------


# Which demo action (actions/demo/pages.py, English slugs) belongs to which story.
DEMO_LINKS = {
    "samuel-fourteen-months-without-a-hearing": ["stop-the-transfer"],
    "the-a-family-waiting-to-travel": ["help-the-a-family-travel"],
    "the-k-family-a-father-held-far-away": ["release-the-family", "reunite-father-and-daughter"],
    "the-seven-held-together-since-the-border": ["watch-the-hearings-of-the-seven"],
}
ALL_LINKED = {slug for slugs in DEMO_LINKS.values() for slug in slugs}


def story_specs(g):
    return [
        StorySpec(
            slug=g(
                "samuel-fourteen-months-without-a-hearing", "samuel-catorce-meses-sin-audiencia"
            ),
            featured=True,
            action_count=2,
            image=(
                "Illustration: dawn over hills",
                g(
                    "Drawing of the sun rising over three green hills.",
                    "Dibujo del sol saliendo sobre tres colinas verdes.",
                ),
                draw_horizon,
            ),
            fields={
                "title": g(
                    "Samuel: fourteen months without a hearing",
                    "Samuel: catorce meses sin audiencia",
                ),
                "display_name": g("Samuel", "Samuel"),
                "subject_kind": Kind.INDIVIDUAL,
                "country_of_origin": "CM",
                "current_location": g(
                    "An immigration detention center in Louisiana",
                    "Un centro de detención migratoria en Luisiana",
                ),
                "category": Category.DETENTION,
                "status": Status.ACTIVE,
                "summary": g(
                    "A teacher who fled arrest at home has been detained since he asked for "
                    "asylum at the border. His asthma is getting worse.",
                    "Un maestro que huyó de una detención en su país está detenido desde que "
                    "pidió asilo en la frontera. Su asma empeora.",
                ),
            },
            body=[
                (
                    "paragraph",
                    p(
                        g,
                        "Samuel taught mathematics in a secondary school until soldiers came to "
                        "his classroom looking for the teachers who had joined a strike.",
                        "Samuel enseñaba matemáticas en una escuela secundaria hasta que unos "
                        "soldados llegaron a su aula buscando a los maestros que se habían unido "
                        "a una huelga.",
                    ),
                ),
                (
                    "key_fact",
                    {
                        "figure": g("14 months", "14 meses"),
                        "label": g("in detention without a hearing", "detenido sin audiencia"),
                        "source": g("His legal team", "Su equipo legal"),
                    },
                ),
                (
                    "paragraph",
                    p(
                        g,
                        "He asked for protection at a port of entry, as the law allows. Instead of "
                        "being released to his cousin, he was sent to a remote detention center "
                        "far from any lawyer.",
                        "Pidió protección en un puerto de entrada, como lo permite la ley. En "
                        "lugar de ser entregado a su primo, fue enviado a un centro de detención "
                        "remoto, lejos de cualquier abogado.",
                    ),
                ),
                (
                    "quote",
                    {
                        "quote": g(
                            "I came here because I believed the law would listen to me.",
                            "Vine aquí porque creía que la ley me escucharía.",
                        ),
                        "attribution": g(
                            "Samuel, in a call with his lawyer",
                            "Samuel, en una llamada con su abogada",
                        ),
                    },
                ),
            ],
            updates=[
                (
                    D(2026, 3, 2),
                    g("Detained at the border", "Detenido en la frontera"),
                    p(
                        g,
                        "Samuel asked for asylum and was taken into detention the same day.",
                        "Samuel pidió asilo y fue detenido ese mismo día.",
                    ),
                ),
                (
                    D(2026, 7, 14),
                    g("Parole request denied", "Se negó la solicitud de libertad condicional"),
                    p(
                        g,
                        "The field office refused parole without explaining why, although his "
                        "cousin offered a home and support.",
                        "La oficina local negó la libertad condicional sin explicar por qué, "
                        "aunque su primo le ofreció vivienda y apoyo.",
                    ),
                ),
                (
                    D(2026, 10, 30),
                    g("Asthma attacks in detention", "Ataques de asma en detención"),
                    p(
                        g,
                        "He has had three asthma attacks in a month. His lawyer has asked again "
                        "for his release on medical grounds.",
                        "Ha tenido tres ataques de asma en un mes. Su abogada volvió a pedir su "
                        "liberación por razones médicas.",
                    ),
                ),
            ],
        ),
        StorySpec(
            slug=g("leticia-home-after-nine-months", "leticia-en-casa-tras-nueve-meses"),
            name_consent=True,
            image=(
                "Illustration: an open door",
                g(
                    "Drawing of a door opening onto warm light.",
                    "Dibujo de una puerta que se abre hacia una luz cálida.",
                ),
                draw_door,
            ),
            fields={
                "title": g(
                    "Leticia is home after nine months", "Leticia está en casa tras nueve meses"
                ),
                "display_name": g("Leticia", "Leticia"),
                "identity_protected": False,
                "subject_kind": Kind.INDIVIDUAL,
                "country_of_origin": "NI",
                "current_location": g("With her sister in Houston", "Con su hermana en Houston"),
                "category": Category.DETENTION,
                "status": Status.RESOLVED,
                "outcome": Outcome.RELEASED,
                "outcome_date": D(2026, 6, 18),
                "summary": g(
                    "A nurse detained after asking for asylum was released when more than "
                    "two thousand people wrote to the field office.",
                    "Una enfermera detenida tras pedir asilo fue liberada cuando más de dos "
                    "mil personas escribieron a la oficina local.",
                ),
            },
            body=[
                (
                    "paragraph",
                    p(
                        g,
                        "Leticia cared for protesters injured in the streets. When the police "
                        "came for the clinic's staff, she left with one bag.",
                        "Leticia atendía a manifestantes heridos en las calles. Cuando la policía "
                        "vino por el personal de la clínica, se fue con una sola maleta.",
                    ),
                ),
                (
                    "quote",
                    {
                        "quote": g(
                            "Every letter reminded me that I was not forgotten.",
                            "Cada carta me recordaba que no me habían olvidado.",
                        ),
                        "attribution": g("Leticia", "Leticia"),
                    },
                ),
            ],
            updates=[
                (
                    D(2025, 9, 20),
                    g("Detained after asking for asylum", "Detenida tras pedir asilo"),
                    p(
                        g,
                        "Leticia was held although she had a sponsor ready to receive her.",
                        "Leticia quedó detenida aunque tenía una patrocinadora lista para "
                        "recibirla.",
                    ),
                ),
                (
                    D(2026, 6, 18),
                    g("Released to her sister", "Liberada y con su hermana"),
                    p(
                        g,
                        "The field office granted parole. Thank you to everyone who wrote.",
                        "La oficina local concedió la libertad condicional. Gracias a todas las "
                        "personas que escribieron.",
                    ),
                ),
            ],
        ),
        StorySpec(
            slug=g("the-a-family-waiting-to-travel", "la-familia-a-espera-viajar"),
            featured=True,
            action_count=1,
            image=(
                "Illustration: a lit window at night",
                g(
                    "Drawing of a lit window in a dark building under the stars.",
                    "Dibujo de una ventana iluminada en un edificio oscuro bajo las estrellas.",
                ),
                draw_window,
            ),
            fields={
                "title": g(
                    "The A. family: approved, and still waiting",
                    "La familia A.: aprobada, y todavía esperando",
                ),
                "display_name": g("The A. family", "La familia A."),
                "subject_kind": Kind.FAMILY,
                "country_of_origin": "AF",
                "current_location": g(
                    "A rented room in Islamabad", "Una habitación alquilada en Islamabad"
                ),
                "category": Category.RESETTLEMENT,
                "status": Status.ACTIVE,
                "summary": g(
                    "A mother, a father and three children were approved for resettlement, "
                    "then their flight was cancelled when admissions were paused.",
                    "Una madre, un padre y tres hijos fueron aprobados para el reasentamiento, "
                    "y luego su vuelo fue cancelado cuando se suspendieron las admisiones.",
                ),
            },
            body=[
                (
                    "paragraph",
                    p(
                        g,
                        "The father worked as an interpreter for a foreign aid agency. After the "
                        "change of government, the family hid for a year before they could leave.",
                        "El padre trabajaba como intérprete para una agencia de ayuda extranjera. "
                        "Tras el cambio de gobierno, la familia se escondió durante un año antes "
                        "de poder salir.",
                    ),
                ),
                (
                    "key_fact",
                    {
                        "figure": g("3 children", "3 hijos"),
                        "label": g(
                            "out of school for two years", "sin ir a la escuela durante dos años"
                        ),
                        "source": "",
                    },
                ),
                (
                    "paragraph",
                    p(
                        g,
                        "Their visas in the neighbouring country expire soon. If they are sent "
                        "back, the father faces reprisals for his work.",
                        "Sus visas en el país vecino vencen pronto. Si los devuelven, el padre "
                        "corre el riesgo de represalias por su trabajo.",
                    ),
                ),
            ],
            updates=[
                (
                    D(2026, 2, 10),
                    g("Approved for resettlement", "Aprobados para el reasentamiento"),
                    p(
                        g,
                        "After four interviews, the family was approved and given a travel date.",
                        "Después de cuatro entrevistas, la familia fue aprobada y recibió una "
                        "fecha de viaje.",
                    ),
                ),
                (
                    D(2026, 4, 1),
                    g("Flight cancelled", "Vuelo cancelado"),
                    p(
                        g,
                        "Two days before they were due to fly, the flight was cancelled when "
                        "refugee admissions were paused.",
                        "Dos días antes de viajar, el vuelo fue cancelado cuando se suspendieron "
                        "las admisiones de personas refugiadas.",
                    ),
                ),
                (
                    D(2026, 9, 5),
                    g("Visas about to expire", "Visas a punto de vencer"),
                    p(
                        g,
                        "The family's visas expire in December. Their caseworker has asked for "
                        "an exception.",
                        "Las visas de la familia vencen en diciembre. Su trabajadora social pidió "
                        "una excepción.",
                    ),
                ),
                (
                    D(2026, 11, 12),
                    g("Members of Congress write a letter", "Congresistas escriben una carta"),
                    p(
                        g,
                        "Six members of Congress asked the State Department to let approved "
                        "families travel.",
                        "Seis congresistas pidieron al Departamento de Estado que permita viajar "
                        "a las familias aprobadas.",
                    ),
                ),
            ],
        ),
        StorySpec(
            slug=g("halima-safe-in-minnesota", "halima-a-salvo-en-minnesota"),
            image=(
                "Illustration: birds over a field",
                g(
                    "Drawing of birds flying over a green field in a blue sky.",
                    "Dibujo de pájaros volando sobre un campo verde en un cielo azul.",
                ),
                draw_birds,
            ),
            fields={
                "title": g(
                    "Halima and her daughters are safe in Minnesota",
                    "Halima y sus hijas están a salvo en Minnesota",
                ),
                "display_name": g("Halima", "Halima"),
                "subject_kind": Kind.FAMILY,
                "country_of_origin": "SD",
                "current_location": g("Saint Paul, Minnesota", "Saint Paul, Minnesota"),
                "category": Category.RESETTLEMENT,
                "status": Status.RESOLVED,
                "outcome": Outcome.RESETTLED,
                "outcome_date": D(2026, 5, 22),
                "summary": g(
                    "After six years in a camp, a mother and her two daughters landed in "
                    "Minnesota, where a local congregation welcomed them.",
                    "Después de seis años en un campamento, una madre y sus dos hijas "
                    "llegaron a Minnesota, donde una congregación local las recibió.",
                ),
            },
            body=[
                (
                    "paragraph",
                    p(
                        g,
                        "Halima ran a small tailoring shop before the fighting reached her town. "
                        "In the camp she taught other women to sew.",
                        "Halima tenía un pequeño taller de costura antes de que los combates "
                        "llegaran a su pueblo. En el campamento enseñó a coser a otras mujeres.",
                    ),
                ),
                (
                    "image",
                    {
                        "image": "threads",
                        "alt_text": g(
                            "Drawing of coloured threads meeting in the middle of a page.",
                            "Dibujo de hilos de colores que se juntan en el centro de una página.",
                        ),
                        "caption": g(
                            "An illustration for this story, not a photograph of the family.",
                            "Una ilustración para esta historia, no una fotografía de la familia.",
                        ),
                        "credit": g("Haven demo", "Demo de Haven"),
                    },
                ),
            ],
            updates=[
                (
                    D(2026, 1, 15),
                    g("Interview in the camp", "Entrevista en el campamento"),
                    p(
                        g,
                        "Halima's final interview went well; a medical check is next.",
                        "La entrevista final de Halima salió bien; sigue un control médico.",
                    ),
                ),
                (
                    D(2026, 5, 22),
                    g("Arrived in Minnesota", "Llegaron a Minnesota"),
                    p(
                        g,
                        "Halima and her daughters arrived this morning. The girls start school "
                        "next week.",
                        "Halima y sus hijas llegaron esta mañana. Las niñas empiezan la escuela "
                        "la próxima semana.",
                    ),
                ),
            ],
        ),
        StorySpec(
            slug=g("marisol-and-diego-together-again", "marisol-y-diego-juntos-otra-vez"),
            image=(
                "Illustration: a path at dusk",
                g(
                    "Drawing of a path leading to the horizon at dusk.",
                    "Dibujo de un camino que lleva al horizonte al atardecer.",
                ),
                draw_path,
            ),
            fields={
                "title": g(
                    "Marisol and Diego are together again", "Marisol y Diego están juntos otra vez"
                ),
                "display_name": g("Marisol and Diego", "Marisol y Diego"),
                "subject_kind": Kind.FAMILY,
                "country_of_origin": "GT",
                "current_location": g("Los Angeles, California", "Los Ángeles, California"),
                "category": Category.FAMILY_SEPARATION,
                "status": Status.RESOLVED,
                "outcome": Outcome.REUNITED,
                "outcome_date": D(2026, 8, 3),
                "summary": g(
                    "A mother and her six-year-old son were separated at the border and "
                    "spent 97 days apart before a court ordered them reunited.",
                    "Una madre y su hijo de seis años fueron separados en la frontera y "
                    "pasaron 97 días sin verse antes de que un tribunal ordenara reunirlos.",
                ),
            },
            body=[
                (
                    "key_fact",
                    {
                        "figure": g("97 days", "97 días"),
                        "label": g("apart from her son", "lejos de su hijo"),
                        "source": "",
                    },
                ),
                (
                    "paragraph",
                    p(
                        g,
                        "Marisol was allowed one phone call a week. Diego, in a shelter two "
                        "states away, stopped talking on the third call.",
                        "A Marisol le permitían una llamada por semana. Diego, en un albergue a "
                        "dos estados de distancia, dejó de hablar en la tercera llamada.",
                    ),
                ),
            ],
            updates=[
                (
                    D(2026, 4, 28),
                    g("Separated at the border", "Separados en la frontera"),
                    p(
                        g,
                        "Marisol was detained and Diego was sent to a shelter for children.",
                        "Marisol fue detenida y Diego fue enviado a un albergue para niños.",
                    ),
                ),
                (
                    D(2026, 8, 3),
                    g("Reunited", "Reunidos"),
                    p(
                        g,
                        "A judge ordered the government to reunite them. They are together and "
                        "staying with relatives.",
                        "Una jueza ordenó al gobierno reunirlos. Están juntos y viven con "
                        "familiares.",
                    ),
                ),
            ],
        ),
        StorySpec(
            slug=g("the-k-family-a-father-held-far-away", "la-familia-k-un-padre-detenido-lejos"),
            featured=True,
            action_count=2,
            fields={
                "title": g(
                    "The K. family: a father held a thousand miles away",
                    "La familia K.: un padre detenido a mil millas",
                ),
                "display_name": g("The K. family", "La familia K."),
                "subject_kind": Kind.FAMILY,
                "country_of_origin": "VE",
                "current_location": g(
                    "Father in detention in Texas; mother and daughters in Denver",
                    "El padre, detenido en Texas; la madre y las hijas, en Denver",
                ),
                "category": Category.FAMILY_SEPARATION,
                "status": Status.ACTIVE,
                "summary": g(
                    "Two girls have not seen their father since he was detained at a "
                    "routine check-in. Their mother is raising them alone.",
                    "Dos niñas no ven a su padre desde que fue detenido en una cita de "
                    "control rutinaria. Su madre las cría sola.",
                ),
            },
            body=[
                (
                    "paragraph",
                    p(
                        g,
                        "The father went to every check-in for three years. At the last one, he "
                        "was handcuffed and moved to a detention center in another state.",
                        "El padre acudió a todas sus citas de control durante tres años. En la "
                        "última lo esposaron y lo trasladaron a un centro de detención en otro "
                        "estado.",
                    ),
                ),
                (
                    "quote",
                    {
                        "quote": g(
                            "My daughters ask every night when Papa is coming home.",
                            "Mis hijas preguntan cada noche cuándo vuelve papá.",
                        ),
                        "attribution": g("Their mother", "Su madre"),
                    },
                ),
            ],
            updates=[
                (
                    D(2026, 9, 9),
                    g("Detained at a check-in", "Detenido en una cita de control"),
                    p(
                        g,
                        "He was detained without warning and moved out of state the next day.",
                        "Fue detenido sin aviso y trasladado a otro estado al día siguiente.",
                    ),
                ),
                (
                    D(2026, 11, 3),
                    g("A hearing date is set", "Hay fecha de audiencia"),
                    p(
                        g,
                        "His bond hearing is set for next month. Letters of support can help.",
                        "Su audiencia de fianza será el próximo mes. Las cartas de apoyo pueden "
                        "ayudar.",
                    ),
                ),
            ],
        ),
        StorySpec(
            slug=g(
                "the-seven-held-together-since-the-border",
                "los-siete-detenidos-juntos-desde-la-frontera",
            ),
            consent_givers=tuple(f"Demo (fictional person {n} of the seven)" for n in range(1, 8)),
            other_countries=("ER", "HT", "VE"),
            image=(
                "Illustration: seven figures at dusk",
                g(
                    "Drawing of seven simple figures standing side by side under an evening sky.",
                    "Dibujo de siete figuras sencillas, una al lado de la otra, bajo un cielo "
                    "de atardecer.",
                ),
                draw_seven,
            ),
            fields={
                "title": g(
                    "The seven: asked for asylum together, held together",
                    "Los siete: pidieron asilo juntos y siguen detenidos juntos",
                ),
                "display_name": g("The seven", "Los siete"),
                "subject_kind": Kind.GROUP,
                "country_of_origin": "HN",
                "current_location": g(
                    "A converted warehouse used for detention in southern Arizona",
                    "Un almacén convertido en centro de detención en el sur de Arizona",
                ),
                "category": Category.DETENTION,
                "status": Status.ACTIVE,
                "summary": g(
                    "Seven people from four countries met on the road north and asked for "
                    "asylum together. They are held together still, with one volunteer lawyer "
                    "for all of them.",
                    "Siete personas de cuatro países se conocieron en el camino hacia el norte "
                    "y pidieron asilo juntas. Siguen detenidas juntas, con una sola abogada "
                    "voluntaria para todas.",
                ),
            },
            body=[
                (
                    "paragraph",
                    p(
                        g,
                        "They were strangers when they met in a shelter in Mexico: a bricklayer "
                        "from Honduras, a nurse from Eritrea, two sisters from Haiti and three "
                        "friends from Venezuela. They decided to cross together, because a group "
                        "is harder to make disappear.",
                        "No se conocían cuando coincidieron en un albergue en México: un albañil "
                        "de Honduras, una enfermera de Eritrea, dos hermanas de Haití y tres "
                        "amigos de Venezuela. Decidieron cruzar juntos, porque a un grupo es más "
                        "difícil hacerlo desaparecer.",
                    ),
                ),
                (
                    "key_fact",
                    {
                        "figure": g("7 people", "7 personas"),
                        "label": g(
                            "from 4 countries, with one lawyer between them",
                            "de 4 países, con una sola abogada para todas",
                        ),
                        "source": g("Their lawyer", "Su abogada"),
                    },
                ),
                (
                    "paragraph",
                    p(
                        g,
                        "Inside, they share what each of them learns: which form to fill in, "
                        "which phone works, whose hearing comes next. The nurse keeps a list of "
                        "everyone's medicines.",
                        "Adentro comparten lo que cada uno aprende: qué formulario llenar, qué "
                        "teléfono funciona, a quién le toca la próxima audiencia. La enfermera "
                        "lleva la lista de los medicamentos de todos.",
                    ),
                ),
                (
                    "quote",
                    {
                        "quote": g(
                            "When one of us is called to court, the other six wait by the door "
                            "until they come back.",
                            "Cuando llaman a uno de nosotros al tribunal, los otros seis esperan "
                            "junto a la puerta hasta que vuelve.",
                        ),
                        "attribution": g(
                            "One of the seven, through their lawyer",
                            "Una de las siete personas, a través de su abogada",
                        ),
                    },
                ),
            ],
            updates=[
                (
                    D(2026, 6, 3),
                    g("Asked for asylum together", "Pidieron asilo juntos"),
                    p(
                        g,
                        "The seven asked for protection at a port of entry and were taken to "
                        "the same detention facility that night.",
                        "Los siete pidieron protección en un puerto de entrada y esa misma noche "
                        "los llevaron al mismo centro de detención.",
                    ),
                ),
                (
                    D(2026, 11, 24),
                    g("Hearing dates are set", "Ya hay fechas de audiencia"),
                    p(
                        g,
                        "The court has set their seven hearings for the coming weeks. Their "
                        "lawyer asks supporters to fill the public seats.",
                        "El tribunal fijó sus siete audiencias para las próximas semanas. Su "
                        "abogada pide a quienes los apoyan que llenen los asientos del público.",
                    ),
                ),
            ],
        ),
    ]


# Building --------------------------------------------------------------------------------


def _stream_signature(page):
    return [(child.block_type, child.block.get_prep_value(child.value)) for child in page.body]


def _body_value(spec_body, images):
    blocks = []
    for block_type, value in spec_body:
        if block_type == "paragraph":
            blocks.append(("paragraph", RichText(value)))
        elif block_type == "image":
            blocks.append(("image", {**value, "image": images[value["image"]]}))
        else:
            blocks.append((block_type, value))
    return blocks


def _ensure_consent(page, spec):
    """A consent record for each fictional person, as an editor would record it."""
    records = ConsentRecord.objects.for_key(page.translation_key)
    for giver in spec.consent_givers:
        if records.filter(given_by=giver).exists():
            continue
        ConsentRecord.objects.create(
            story_key=page.translation_key,
            given_by_role=ConsentRecord.GivenBy.PERSON,
            given_by=giver,
            given_on=D(2026, 1, 5),
            covers_story=True,
            covers_photo=True,
            covers_name=spec.name_consent,
            notes="Demo record: the people in the demo are fictional.",
        )


# Added in English after the Spanish was published, and left for the translator: the
# translation dashboard then shows real work on a story ("English changed: sync needed").
LATE_UPDATE_STORY = "the-k-family-a-father-held-far-away"
LATE_UPDATE = (
    D(2026, 11, 20),
    "Letters delivered to the court",
    "<p>Volunteers delivered 412 letters of support to the court before the hearing.</p>",
)


def _has_update(page, update):
    return any((u.date, u.headline, u.body) == update for u in page.updates.all())


def _add_late_update(story):
    """Append the English-only update once, as an editor would after translation."""
    story = CaseStoryPage.objects.get(pk=story.pk)
    if _has_update(story, LATE_UPDATE):
        return
    date, headline, body = LATE_UPDATE
    story.updates.add(
        CaseUpdate(
            date=date,
            headline=headline,
            body=body,
            locale=story.locale,
            sort_order=story.updates.count(),
        )
    )
    story.save_revision().publish()


def _upsert_story(index, spec, images, actions, late_update=None):
    page = CaseStoryPage.objects.child_of(index).filter(slug=spec.slug).first()
    created = page is None
    if created:
        page = CaseStoryPage(slug=spec.slug, live=False, **spec.fields)
        index.add_child(instance=page)
        page = CaseStoryPage.objects.get(pk=page.pk)
    _ensure_consent(page, spec)

    fields = dict(spec.fields)
    fields.setdefault("identity_protected", True)
    fields.setdefault("outcome", "")
    fields.setdefault("outcome_date", None)
    if spec.image:
        title, alt, _drawing = spec.image
        fields["hero_image"] = images[title]
        fields["hero_image_alt"] = alt
    changed = created or any(getattr(page, k) != v for k, v in fields.items())

    wanted_body = CaseStoryPage(body=_body_value(spec.body, images))
    changed |= _stream_signature(page) != _stream_signature(wanted_body)

    wanted_updates = [(date, headline, body) for date, headline, body in spec.updates]
    existing_updates = [(u.date, u.headline, u.body) for u in page.updates.all()]
    if late_update in existing_updates:
        wanted_updates.append(late_update)
    changed |= existing_updates != wanted_updates

    wanted_actions = [a.pk for a in actions]
    changed |= [link.action_id for link in page.linked_actions.all()] != wanted_actions

    wanted_countries = list(spec.other_countries)
    existing_countries = [row.country.code for row in page.other_countries.all()]
    changed |= existing_countries != wanted_countries

    if changed or not page.live:
        for name, value in fields.items():
            setattr(page, name, value)
        page.body = wanted_body.body
        if existing_updates != wanted_updates:
            page.updates = [
                CaseUpdate(
                    date=date, headline=headline, body=body, locale=page.locale, sort_order=i
                )
                for i, (date, headline, body) in enumerate(wanted_updates)
            ]
        page.linked_actions = [
            CaseStoryAction(action_id=pk, sort_order=i) for i, pk in enumerate(wanted_actions)
        ]
        page.other_countries = [
            CaseStoryCountry(country=code, sort_order=i) for i, code in enumerate(wanted_countries)
        ]
        page.save_revision().publish()
    return page


def _set_featured(ctx, stories, g):
    """Pin the featured stories on the English home page (Spanish follows by translation)."""
    home = HomePage.objects.get(pk=ctx.home.pk)
    wanted = [story.pk for story in stories]
    if [item.page_id for item in home.featured_stories.all()] != wanted:
        home.featured_stories = [
            HomeFeaturedStory(page_id=pk, sort_order=i) for i, pk in enumerate(wanted)
        ]
        home.save_revision().publish()
    translate(home, ctx.spanish, g)
    ctx.home = HomePage.objects.get(pk=home.pk)


def build(ctx):
    g = ctx.glossary
    index, _ = upsert_page(
        ctx.home,
        CaseIndexPage,
        "cases",
        title=g("Case stories", "Historias de casos"),
        show_in_menus=True,
        intro=g(
            "The people behind each action, and what happened next.",
            "Las personas detrás de cada acción, y lo que pasó después.",
        ),
    )
    g("cases", "casos")
    translate(index, ctx.spanish, g)
    ctx.extra["case_index"] = index

    specs = story_specs(g)
    images = {}
    for spec in specs:
        if spec.image:
            title, alt, drawing = spec.image
            images[title] = demo_image(title, alt, drawing)
    images["threads"] = demo_image(
        "Illustration: coloured threads",
        "Drawing of coloured threads meeting in the middle of a page.",
        draw_threads,
    )

    demo_actions = list(ctx.extra.get("demo_actions", []))
    by_slug = {action.slug: action for action in demo_actions}
    featured = []
    for number, spec in enumerate(specs):
        if set(DEMO_LINKS.get(spec.slug, ())) & set(by_slug):
            # Each story links the actions written for it, so scripts and stories agree.
            actions = [by_slug[slug] for slug in DEMO_LINKS[spec.slug] if slug in by_slug]
        else:
            # Other demo actions (tests add their own): spread them over the stories.
            actions = (
                [
                    demo_actions[(number + k) % len(demo_actions)]
                    for k in range(min(spec.action_count, len(demo_actions)))
                ]
                if demo_actions and not by_slug.keys() & ALL_LINKED
                else []
            )
        late = LATE_UPDATE if spec.slug == LATE_UPDATE_STORY else None
        story = _upsert_story(index, spec, images, actions, late_update=late)
        if late is None or not _has_update(story, late):
            translate(story, ctx.spanish, g)
        if late is not None:
            _add_late_update(story)
        if spec.featured:
            featured.append(story)
    ctx.extra["demo_stories"] = featured
    _set_featured(ctx, featured, g)
    build_campaign(ctx, images, demo_actions)


# A campaign that is nobody's case ------------------------------------------------------

CAMPAIGN_SLUG = "a-humane-asylum-system"


def campaign_body(g, images):
    return [
        (
            "paragraph",
            RichText(
                p(
                    g,
                    "People who reach the border after fleeing violence are waiting months in "
                    "dangerous cities for a first hearing. Our lawyers meet them every week.",
                    "Las personas que llegan a la frontera huyendo de la violencia esperan "
                    "meses en ciudades peligrosas una primera audiencia. Nuestros abogados "
                    "las atienden cada semana.",
                )
            ),
        ),
        (
            "image",
            {
                "image": images["threads"],
                "alt_text": g(
                    "Drawing of coloured threads meeting in the middle of a page.",
                    "Dibujo de hilos de colores que se encuentran en el centro de una página.",
                ),
                "caption": g(
                    "Many paths, one request: a fair hearing.",
                    "Muchos caminos, una sola petición: una audiencia justa.",
                ),
                "credit": g("Illustration © Haven demo", "Ilustración © demo de Haven"),
            },
        ),
        (
            "quote",
            {
                "quote": g(
                    "Every week we see families who did everything right and still wait in danger.",
                    "Cada semana vemos familias que hicieron todo bien y aun así esperan en "
                    "peligro.",
                ),
                "attribution": g(
                    "A staff attorney at our border office",
                    "Una abogada de nuestra oficina en la frontera",
                ),
            },
        ),
        (
            "key_fact",
            {
                "figure": g("11 months", "11 meses"),
                "label": g(
                    "the average wait for a first hearing in our cases",
                    "la espera media hasta una primera audiencia en nuestros casos",
                ),
                "source": g("Haven case files, 2026", "Expedientes de Haven, 2026"),
            },
        ),
        (
            "share",
            {
                "heading": g("Spread the word", "Corra la voz"),
                "text": g(
                    "Send this page to three people who care about fairness.",
                    "Envíe esta página a tres personas a quienes les importe la justicia.",
                ),
            },
        ),
        (
            "donate",
            {
                "heading": g(
                    "Support legal help at the border", "Apoye la ayuda legal en la frontera"
                ),
                "text": g(
                    "Our lawyers are paid for by individual donors, not by any government.",
                    "A nuestros abogados los pagan donantes particulares, no ningún gobierno.",
                ),
                "button_label": g("Donate", "Donar"),
                "url": "https://example.org/donate",
            },
        ),
    ]


def build_campaign(ctx, images, demo_actions):
    """One campaign page with every media block and the demo's actions, in both languages."""
    g = ctx.glossary
    title = g("A humane asylum system, now", "Un sistema de asilo humano, ya")
    g(CAMPAIGN_SLUG, "un-sistema-de-asilo-humano")
    fields = {
        "title": title,
        "summary": g(
            "Seeking safety is not a crime. Ask the people in power to restore a fair hearing "
            "for everyone who asks for asylum.",
            "Buscar protección no es un delito. Pida a quienes tienen el poder que devuelvan "
            "una audiencia justa a todas las personas que piden asilo.",
        ),
        "hero_image": images["threads"],
        "hero_image_alt": g(
            "Drawing of coloured threads meeting in the middle of a page.",
            "Dibujo de hilos de colores que se encuentran en el centro de una página.",
        ),
        "hero_image_credit": g("Illustration © Haven demo", "Ilustración © demo de Haven"),
        "actions_heading": g("What you can do", "Qué puede hacer"),
    }
    page = CampaignPage.objects.child_of(ctx.home).filter(slug=CAMPAIGN_SLUG).first()
    created = page is None
    if created:
        page = CampaignPage(slug=CAMPAIGN_SLUG, live=False, **fields)
        ctx.home.add_child(instance=page)
        page = CampaignPage.objects.get(pk=page.pk)
    wanted = CampaignPage(body=campaign_body(g, images))
    wanted_actions = [a.pk for a in demo_actions[:2]]
    changed = (
        created
        or any(getattr(page, k) != v for k, v in fields.items())
        or _stream_signature(page) != _stream_signature(wanted)
        or [link.action_id for link in page.linked_actions.all()] != wanted_actions
    )
    if changed or not page.live:
        for name, value in fields.items():
            setattr(page, name, value)
        page.body = wanted.body
        page.linked_actions = [
            CampaignAction(action_id=pk, sort_order=i) for i, pk in enumerate(wanted_actions)
        ]
        page.save_revision().publish()
    translate(page, ctx.spanish, g)
    ctx.extra["demo_campaign"] = page
    return page
