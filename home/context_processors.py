"""Site chrome shared by every public template: the organisation's words in the reader's
language, the donate link and the privacy page."""

from wagtail.models import Site

from home.models import HavenSettings


def site_chrome(request):
    site = Site.find_for_request(request)
    if site is None:
        return {}
    haven = HavenSettings.for_site(site)
    organisation = haven.organisation.localized if haven.organisation_id else None
    privacy_page = haven.privacy_page.localized if haven.privacy_page_id else None
    if privacy_page is not None and not privacy_page.live:
        privacy_page = haven.privacy_page if haven.privacy_page.live else None
    home = site.root_page.localized
    menu_pages = home.get_children().live().in_menu().filter(locale_id=home.locale_id)
    return {
        "menu_pages": menu_pages,
        "organisation": organisation,
        "donate_url": haven.donate_url,
        "privacy_page": privacy_page,
        "contact_email": haven.contact_email,
    }
