"""`make lint`: each release's migrations must work with the code of the release before it.

During an upgrade one server migrates the shared database while the others still run the
previous release (docs/deploying.md, "Upgrading"), so a migration may add but must not
take away what that code reads: no dropped or renamed columns or tables, no new NOT NULL
column without a database default, no changed column types. django-migration-linter reads
the SQL of every migration of this project's apps (not the libraries') and fails on those.

Migrations that went out before this check are listed in RELEASED with why each was safe
when it shipped; a migration added from now on that the linter flags must be split into
an expand step (this release) and a contract step (a later one) instead of being listed.
Run with DATABASE_URL set to lint the SQL PostgreSQL would run (CI does).
"""

import logging
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# (app label, migration name): why it could not break the release before it.
RELEASED = {
    # A false alarm: the data migration's helper takes the model as a parameter named
    # `model`; every model it is given comes from apps.get_model().
    ("enrolment", "0002_seed_lists"): "seeds rows only",
    # Adds StoryPage.image_alt_text NOT NULL with no database default: during that
    # upgrade, servers still on the release before could not create a story until they
    # were reloaded. Shipped before this check; today it would add the column with
    # db_default="" (or as nullable) first.
    ("impact", "0003_story_image"): "released before the check",
    # A false alarm on SQLite only, which rebuilds the table to change a StreamField's
    # block definitions; on PostgreSQL the migration runs no SQL at all.
    ("pages", "0005_image_block_caption"): "changes block definitions only",
    # A false alarm on SQLite only, which rebuilds the table to add a column with a
    # default; on PostgreSQL (CI lints it there) each new column is nullable or has a
    # database default, so the release before keeps writing home pages.
    ("pages", "0006_home_page_invitations"): "adds columns with database defaults only",
    # The same false alarm on SQLite only: the draft states' columns are nullable or have
    # a database default (impact.models.partners.with_database_default), as PostgreSQL
    # shows.
    ("impact", "0005_partners_and_topics_publish_when_translated"): (
        "adds columns with database defaults only"
    ),
}


def project_apps():
    """The labels of the apps whose code lives in this repository (not in .venv)."""
    from django.apps import apps

    venv = ROOT / ".venv"
    labels = []
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(ROOT) and not path.is_relative_to(venv):
            labels.append(config.label)
    return labels


def main():
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django_migration_linter import MigrationLinter

    class ReleasedAware(MigrationLinter):
        def should_ignore_migration(self, app_label, migration_name, *args, **kwargs):
            return (app_label, migration_name) in RELEASED or super().should_ignore_migration(
                app_label, migration_name, *args, **kwargs
            )

    logging.getLogger("django_migration_linter").setLevel(logging.WARNING)
    linter = ReleasedAware(
        path=str(ROOT),
        include_apps=project_apps(),
        no_cache=True,
        quiet=["ignore", "ok"],
        # An app's first migration creates tables that no earlier release reads (SQLite
        # would otherwise trip on the foreign keys it adds to them once created).
        ignore_initial_migrations=True,
    )
    linter.lint_all_migrations()
    linter.print_summary()
    return 1 if linter.has_errors else 0


if __name__ == "__main__":
    sys.exit(main())
