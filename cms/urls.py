"""URL map: the admin outside any language prefix, every public page under /en/ or /es/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from actions import views as action_views
from home import views as home_views
from home import well_known
from home.sitemaps import SITEMAPS

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # One sitemap for both languages, with hreflang alternates (outside the prefixes).
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", well_known.robots_txt, name="robots_txt"),
    path("favicon.ico", well_known.favicon, name="favicon"),
    path(".well-known/security.txt", well_known.security_txt, name="security_txt"),
    # Fetched by static/js/formtoken.js; the same in every language, so outside the prefixes.
    path("form-token/", action_views.form_token, name="form_token"),
    # Open data: counts of every action, in every language (docs/api.md).
    path("", include("actions.urls_api")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", home_views.search, name="search"),
    path("", include("officials.urls")),
    path("", include("supporters.urls")),
    path("", include("actions.urls_embed")),
    # Wagtail's page tree last: it is the catch-all.
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
