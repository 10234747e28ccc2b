"""The Welsh words follow docs/glossary.md: one form for each name and term."""

import datetime
import re
from pathlib import Path

import polib
import pytest
from django.utils import translation
from django.utils.formats import date_format

from tests.demo_urls import DEMO_PAGES
from tests.html import parse

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "site" / "locale" / "cy" / "LC_MESSAGES" / "django.po"

# {glossary term: patterns of the forms it replaces}. Case-insensitive; apostrophes are
# normalised to ' first, so "Swyddfa’r" is caught as well as "Swyddfa'r".
REJECTED = {
    "Rhwydwaith Ymgysylltu Dioddefwyr-Goroeswyr": [r"rhwydwaith ymgysylltu (â|a) dioddefwyr"],
    "Swyddfa Comisiynydd yr Heddlu a Throseddu": [r"swyddfa'r comisiynydd (yr )?heddlu"],
    "Comisiynydd yr Heddlu a Throseddu": [r"comisiynydd heddlu a throseddu"],
    "stelcian": [r"\bstelcio\b"],
    "Gorffennaf": [r"\bgorffenaf\b"],
}


def variants_in(text):
    text = text.replace("\u2019", "'")
    return [
        (term, match.group(0))
        for term, patterns in REJECTED.items()
        for pattern in patterns
        for match in re.finditer(pattern, text, flags=re.IGNORECASE)
    ]


def test_the_checker_finds_the_rejected_forms():
    assert variants_in("Swyddfa’r Comisiynydd Heddlu a Throseddu, stelcio") == [
        ("Swyddfa Comisiynydd yr Heddlu a Throseddu", "Swyddfa'r Comisiynydd Heddlu"),
        ("Comisiynydd yr Heddlu a Throseddu", "Comisiynydd Heddlu a Throseddu"),
        ("stelcian", "stelcio"),
    ]
    assert variants_in("Swyddfa Comisiynydd yr Heddlu a Throseddu; Swyddfa'r Comisiynydd") == []
    assert variants_in("Rhwydwaith Ymgysylltu Dioddefwyr-Goroeswyr; stelcian") == []


def test_the_catalogue_follows_the_glossary():
    catalogue = polib.pofile(str(CATALOGUE))
    found = [
        (entry.msgid, variant)
        for entry in catalogue
        for text in [entry.msgstr, *entry.msgstr_plural.values()]
        for variant in variants_in(text)
    ]
    assert found == []


def test_the_templates_follow_the_glossary():
    found = [
        (str(path.relative_to(ROOT)), variant)
        for path in (ROOT / "templates").rglob("*")
        if path.is_file()
        for variant in variants_in(path.read_text())
    ]
    assert found == []


@pytest.mark.django_db
def test_the_welsh_demo_pages_follow_the_glossary(client):
    found = []
    for _english, welsh in DEMO_PAGES:
        text = parse(client.get(welsh)).get_text(" ")
        found += [(welsh, variant) for variant in variants_in(text)]
    assert found == []


WELSH_MONTHS = [
    "Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin",
    "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr",
]  # fmt: skip
WELSH_MONTHS_SHORT = [
    "Ion.", "Chwe.", "Mawrth", "Ebrill", "Mai", "Meh.",
    "Gorff.", "Awst", "Medi", "Hydr.", "Tach.", "Rhag.",
]  # fmt: skip
WELSH_MONTHS_3 = [
    "ion", "chw", "maw", "ebr", "mai", "meh", "gor", "aws", "med", "hyd", "tach", "rhag",
]  # fmt: skip


@pytest.mark.parametrize(
    ("date_code", "expected"),
    [
        ("F", WELSH_MONTHS),
        ("E", WELSH_MONTHS),  # the month as Django writes it inside a date
        ("N", WELSH_MONTHS_SHORT),
        ("b", WELSH_MONTHS_3),
    ],
)
def test_welsh_month_names(date_code, expected):
    with translation.override("cy"):
        names = [date_format(datetime.date(2026, month, 3), date_code) for month in range(1, 13)]
    assert names == expected


def test_a_welsh_date_in_july():
    with translation.override("cy"):
        assert date_format(datetime.date(2026, 7, 3), "j F Y") == "3 Gorffennaf 2026"
