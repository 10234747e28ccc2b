"""Factories for test data, shared by every app's tests."""

import factory
import wagtail_factories
from wagtail.models import Locale

from pages.models import ContentPage, SupportService


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Test page {n}")
    intro = "A page made for a test."

    class Meta:
        model = ContentPage


class SupportServiceFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Test service {n}")
    helps_with = "Help for people affected by crime."
    category = SupportService.Category.VICTIM_SUPPORT
    phone = "01267 226440"
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code="en"))

    class Meta:
        model = SupportService
