"""The staff roles as Wagtail groups, with the page and snippet rights their work needs.

Administrators are superusers and need no group. The engagement team's rights
over member records arrive with the enrolment app.
"""

from django.db import migrations

ROLES = {
    "Engagement team": {"model_permissions": [], "page": [], "collection": []},
    "Communications team": {
        "model_permissions": [
            ("pages", "supportservice", ["add", "change", "delete"]),
            ("pages", "navigation", ["add", "change"]),
            ("wagtailredirects", "redirect", ["add", "change", "delete"]),
        ],
        "page": ["add", "change", "publish", "lock", "unlock"],
        "collection": [
            ("wagtailimages", "image", ["add", "change", "delete", "choose"]),
            ("wagtaildocs", "document", ["add", "change", "delete", "choose"]),
        ],
    },
    "Translators": {
        "model_permissions": [
            ("pages", "supportservice", ["add", "change"]),
            ("pages", "navigation", ["add", "change"]),
            ("wagtail_localize", "translation", ["submit"]),
        ],
        "page": ["add", "change"],
        "collection": [
            ("wagtailimages", "image", ["choose"]),
            ("wagtaildocs", "document", ["choose"]),
        ],
    },
}

# Wagtail's sample groups; the product's roles replace them.
SAMPLE_GROUPS = ["Moderators", "Editors"]


def permission(apps, app_label, model, action):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    codename = f"{action}_{model}"
    found, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {action} {model}"},
    )
    return found


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    Group.objects.filter(name__in=SAMPLE_GROUPS, user__isnull=True).delete()

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    access_admin = permission(apps, "wagtailadmin", "admin", "access")

    for name, rights in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        for app_label, model, actions in rights["model_permissions"]:
            for action in actions:
                group.permissions.add(permission(apps, app_label, model, action))
        for action in rights["page"]:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root_page,
                permission=permission(apps, "wagtailcore", "page", action),
            )
        for app_label, model, actions in rights["collection"]:
            for action in actions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=permission(apps, app_label, model, action),
                )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0002_welsh_locale"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
