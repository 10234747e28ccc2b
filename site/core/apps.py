from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What the public site, enrolment and impact share: the protected public form, encrypted
    fields, translatable lists, CSV downloads and mail delivery. No models of its own, so
    no screen names it."""

    name = "core"
