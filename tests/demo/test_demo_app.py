"""The demo app: development and tests only, its content files, and safe to run again."""

import ast

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import ModelLogEntry, Page, Revision

from demo.content import FOLDER, read
from enrolment.models import ConsentRecord, Member
from impact.models import (
    EngagementActivity,
    Invitation,
    ParticipantNotice,
    Partner,
    PartnerUpdate,
    Recommendation,
    Topic,
)
from pages.models import Navigation, SupportService
from tests.pages.test_security import PRODUCTION_ENV, ROOT, run_manage

PRODUCT = [ROOT / "site", ROOT / "enrolment", ROOT / "impact"]


def test_production_settings_do_not_install_the_demo():
    shown = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.INSTALLED_APPS)",
        env=PRODUCTION_ENV,
    )
    assert shown.returncode == 0, shown.stderr
    assert "'pages'" in shown.stdout and "'demo'" not in shown.stdout
    loaded = run_manage("load_demo_content", env=PRODUCTION_ENV)
    assert loaded.returncode != 0
    assert "Unknown command: 'load_demo_content'" in loaded.stderr


def test_the_tests_install_the_demo():
    assert "demo" in settings.INSTALLED_APPS


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module


def test_nothing_in_the_product_imports_the_demo():
    modules = [
        path
        for folder in PRODUCT
        for path in folder.rglob("*.py")
        if "demo" not in path.relative_to(ROOT).parts and ".venv" not in path.parts
    ]
    assert len(modules) > 50
    for path in modules:
        for name in imported_modules(path):
            assert name.split(".")[0] != "demo", f"{path} imports {name}"


def page_files():
    return [read(name) for name in read("site")["pages"]]


def test_every_page_file_has_both_languages_with_the_same_fields():
    for spec in page_files():
        assert spec["en"]["title"] != spec["cy"]["title"]
        assert spec["en"].keys() == spec["cy"].keys(), spec["en"]["slug"]
        for name in ("body", "sections"):
            if name in spec["en"]:
                assert len(spec["en"][name]) == len(spec["cy"][name]), spec["en"]["slug"]


def test_the_story_pictures_are_small_files():
    for spec in page_files():
        if spec["type"] == "story":
            picture = FOLDER / spec["image"]
            assert 2_000 < picture.stat().st_size < 60_000, picture.name


def test_the_victim_and_witness_service_has_no_phone_number_until_staff_confirm_it(english):
    service = SupportService.objects.get(
        locale=english, name="Victim Support: Victim and Witness Service"
    )
    assert (service.phone, service.other_phone, service.text_number) == ("", "", "")
    assert service.needs_checking
    checked = SupportService.objects.filter(needs_checking=True, locale=english)
    assert list(checked) == [service]


def everything():
    return {
        model.__name__: model.objects.count()
        for model in (
            Page,
            Revision,
            SupportService,
            Navigation,
            Partner,
            Topic,
            EngagementActivity,
            Recommendation,
            PartnerUpdate,
            Member,
            ConsentRecord,
            Invitation,
            ParticipantNotice,
            ModelLogEntry,
            get_user_model(),
            get_image_model(),
        )
    } | {"menu links": sorted(len(n.primary_links) for n in Navigation.objects.all())}


@pytest.mark.django_db
def test_loading_again_in_development_changes_nothing(settings):
    settings.DEMO_ACCOUNTS_ENABLED = True
    settings.DEMO_ACCOUNT_PASSWORD = "a-throwaway-test-password"
    call_command("load_demo_content", verbosity=0)  # adds the development-only parts
    before = everything()
    assert before["Member"] >= 12 and before["Invitation"] and before["User"] == 5

    call_command("load_demo_content", verbosity=0)

    assert everything() == before
