"""Every interface string exists in Welsh in the one catalogue."""

import shutil
from pathlib import Path

import polib
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.validators import ProhibitNullCharactersValidator
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "site" / "locale" / "cy" / "LC_MESSAGES" / "django.po"
SOURCES = ["site", "templates", "enrolment", "impact"]


def untranslated(catalogue):
    return [entry.msgid for entry in catalogue if not entry.obsolete and not entry.translated()]


def test_every_catalogue_entry_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(str(CATALOGUE))
    assert len(catalogue) > 50
    assert untranslated(catalogue) == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    assert "nplurals=4" in catalogue.metadata["Plural-Forms"]


@pytest.mark.skipif(
    shutil.which("xgettext") is None,
    reason="GNU gettext is not installed; CI installs it, so CI always runs this check",
)
def test_no_string_in_the_code_is_missing_from_the_catalogue(tmp_path, settings, monkeypatch):
    """Extract the strings afresh into a copy of the catalogue: nothing new may appear."""
    for source in SOURCES:
        if (ROOT / source).is_dir():
            shutil.copytree(
                ROOT / source,
                tmp_path / source,
                ignore=shutil.ignore_patterns("locale", "__pycache__", "migrations"),
            )
    copy = tmp_path / "extracted" / "cy" / "LC_MESSAGES" / "django.po"
    copy.parent.mkdir(parents=True)
    shutil.copy(CATALOGUE, copy)
    settings.LOCALE_PATHS = [tmp_path / "extracted"]
    monkeypatch.chdir(tmp_path)

    call_command("makemessages", locale=["cy"], no_obsolete=True, verbosity=0)

    extracted = polib.pofile(str(copy))
    assert untranslated(extracted) == []
    assert [entry.msgid for entry in extracted.fuzzy_entries()] == []


def test_django_messages_its_own_welsh_catalogue_lacks_are_in_welsh():
    """Staff who prefer Welsh meet Django's message about a NUL character in a text box."""
    with translation.override("cy"):
        with pytest.raises(ValidationError) as refused:
            ProhibitNullCharactersValidator()("a\x00b")
        assert refused.value.messages == ["Ni chaniateir nodau nwl."]
