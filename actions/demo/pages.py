"""Demo urgent actions in English and Spanish."""

from actions.models import ActionIndexPage
from home.demo import upsert_page
from home.localization import translate


def build(ctx):
    g = ctx.glossary
    index, _ = upsert_page(
        ctx.home,
        ActionIndexPage,
        "actions",
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
