"""Development as a newcomer meets it: emailed links lead to the server `make run`
started, senders are plainly fake, and loading the demo is short and sends nothing."""

import pytest
from django.core import mail
from django.core.management import call_command

from impact.models import ParticipantNotice, StoryPage
from tests.pages.test_security import ROOT, run_manage

SHOW = (
    "from django.conf import settings as s; "
    "print(s.WAGTAILADMIN_BASE_URL, s.DEFAULT_FROM_EMAIL, s.SERVER_EMAIL)"
)


def development_settings(**env):
    shown = run_manage(
        "shell", "-c", SHOW, env={"DJANGO_SETTINGS_MODULE": "config.settings.dev", **env}
    )
    assert shown.returncode == 0, shown.stderr
    # Django's shell may first say what it imported: the answer is the last line.
    return shown.stdout.strip().splitlines()[-1].split()


def test_emailed_links_lead_to_the_port_the_server_runs_on():
    base_url, sender, server_sender = development_settings(PORT="8123")
    assert base_url == "http://127.0.0.1:8123"
    assert sender == server_sender == "network@example.org"


def test_the_base_url_given_by_make_run_wins():
    base_url, _sender, _server = development_settings(
        PORT="8123", WAGTAILADMIN_BASE_URL="http://localhost:9000"
    )
    assert base_url == "http://localhost:9000"


def test_make_run_gives_the_server_its_address():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "WAGTAILADMIN_BASE_URL=http://127.0.0.1:$(PORT)" in run
    assert "migrate --noinput -v 0" in run


@pytest.mark.django_db
def test_loading_the_demo_sends_no_email_and_says_so_briefly(settings, capsys):
    settings.DEMO_ACCOUNTS_ENABLED = True
    settings.DEMO_ACCOUNT_PASSWORD = "a-throwaway-test-password"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    # Made again and published, each story tells the demo members who took part.
    for story in StoryPage.objects.all():
        story.delete()

    call_command("load_demo_content")

    output = capsys.readouterr().out
    assert ParticipantNotice.objects.exists()  # the members were told, on paper only
    assert mail.outbox == []
    assert "No email was sent while loading the demo." in output
    assert "engagement" in output and "a-throwaway-test-password" in output
    assert len(output.splitlines()) <= 15, output
