"""Factories for Haven's models; tests build data through these, not fixtures."""

import factory
import wagtail_factories
from wagtail.models import Locale

from home.models import HomePage, OrganisationDetails, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Haven"
    heading = "Stand with people seeking safety"
    intro = "<p>Read their stories and act for them.</p>"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Page {n}")
    body = "<p>Some words.</p>"

    class Meta:
        model = StandardPage


class OrganisationDetailsFactory(factory.django.DjangoModelFactory):
    name = "Haven Test Network"
    tagline = "Case stories and urgent actions"
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = OrganisationDetails
