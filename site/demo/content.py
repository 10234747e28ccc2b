"""The demo content files (content/*.yaml) and what every part of the loader shares.

Each item gets its translation key from demo_key(), so a second run finds what the
first made. Pages join a menu only through add_to_menu().
"""

import copy
import datetime
import uuid
from functools import cache
from pathlib import Path

import yaml
from django.utils import timezone

from pages.models import Navigation

FOLDER = Path(__file__).resolve().parent / "content"
NAMESPACE = uuid.UUID("7d5f8a52-3c1e-4b8e-9a57-2f0e6c1d9b40")


def demo_key(kind, name):
    """The fixed translation key of one demo item, e.g. demo_key("page", "about")."""
    return uuid.uuid5(NAMESPACE, f"{kind}:{name}")


def read(name):
    """The data in content/<name>.yaml (a copy: the caller may change it).

    Line breaks in the files are there for reading only (long text is wrapped, HTML
    blocks sit on lines of their own) and are removed here.
    """
    return copy.deepcopy(_parsed(name))


@cache
def _parsed(name):
    with (FOLDER / f"{name}.yaml").open(encoding="utf-8") as file:
        return _unwrap(yaml.safe_load(file))


def _unwrap(value):
    if isinstance(value, str):
        return value.replace("\n", "")
    if isinstance(value, list):
        return [_unwrap(item) for item in value]
    if isinstance(value, dict):
        return {key: _unwrap(item) for key, item in value.items()}
    return value


def add_to_menu(page):
    """Put a page just made at the end of its language's menu.

    Only ever called for a page the loader has just created: a menu an editor has
    changed stays as they left it.
    """
    navigation = Navigation.objects.filter(locale=page.locale).first()
    if navigation is not None:
        navigation.primary_links.append(("link", {"page": page, "url": "", "title": ""}))
        navigation.save()


# Dates in the files are counted in days from the day the demo is loaded (negative is in
# the past), so the demo tells a consistent story whenever it is run.


def on(today, days):
    return today + datetime.timedelta(days=days)


def moment(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
