"""Demo case stories in English and Spanish."""

from home.demo import upsert_page
from home.localization import translate
from stories.models import CaseIndexPage


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
    translate(index, ctx.spanish, g)
    ctx.extra["case_index"] = index
