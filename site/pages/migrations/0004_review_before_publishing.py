"""Review before publishing: nothing goes live on the public site without a second person.

- A "Reviewers" group approves (and so publishes) pages. It has the communications team's
  image, document and snippet rights, plus the right to publish.
- The communications team keeps add, change, lock and unlock, but no longer publishes: it
  drafts and submits for review. Translators never had the right to publish.
- A workflow, "Review before publishing", with one group approval task ("Editorial review",
  group Reviewers; superusers can always approve), is set on the root page, so it covers
  every page in both languages. It replaces Wagtail's default "Moderators approval"
  workflow, whose group the product removed (0003), which is deactivated.

Data only; reversible.
"""

from django.db import migrations

REVIEWERS = "Reviewers"
COMMUNICATIONS = "Communications team"
REVIEWER_PAGE_RIGHTS = ["add", "change", "publish", "lock", "unlock"]
WORKFLOW = "Review before publishing"
TASK = "Editorial review"
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"


def page_permission(apps, action):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    found, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"{action}_page",
        defaults={"name": f"Can {action} page"},
    )
    return found


def root_page(apps):
    return apps.get_model("wagtailcore", "Page").objects.filter(depth=1).first()


def create_reviewers(apps):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS)
    communications = Group.objects.filter(name=COMMUNICATIONS).first()
    if communications is not None:
        # The same admin access, snippet, image and document rights as the team whose
        # work they review, whatever that team has been given so far.
        reviewers.permissions.add(*communications.permissions.all())
        for right in GroupCollectionPermission.objects.filter(group=communications):
            GroupCollectionPermission.objects.get_or_create(
                group=reviewers, collection=right.collection, permission=right.permission
            )
    root = root_page(apps)
    for action in REVIEWER_PAGE_RIGHTS:
        GroupPagePermission.objects.get_or_create(
            group=reviewers, page=root, permission=page_permission(apps, action)
        )
    return reviewers


def create_workflow(apps, reviewers):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _ = GroupApprovalTask.objects.update_or_create(
        name=TASK, defaults={"content_type": task_type, "active": True}
    )
    task.groups.add(reviewers)
    workflow, _ = Workflow.objects.update_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # A page has one workflow assignment: the root's covers every page below it.
    WorkflowPage.objects.update_or_create(page=root_page(apps), defaults={"workflow": workflow})


def retire_wagtail_default_workflow(apps):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    Task = apps.get_model("wagtailcore", "Task")

    for workflow in Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW, active=True):
        # As Workflow.deactivate() does: nothing left waiting on a workflow nobody runs.
        states = WorkflowState.objects.filter(workflow=workflow, status="in_progress")
        TaskState.objects.filter(workflow_state__in=states, status="in_progress").update(
            status="cancelled"
        )
        states.update(status="cancelled")
        WorkflowPage.objects.filter(workflow=workflow).delete()
        WorkflowContentType.objects.filter(workflow=workflow).delete()
        Task.objects.filter(
            name=WAGTAIL_DEFAULT_WORKFLOW, workflow_tasks__workflow=workflow
        ).update(active=False)
        workflow.active = False
        workflow.save(update_fields=["active"])


def stop_communications_publishing(apps):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupPagePermission.objects.filter(
        group__name=COMMUNICATIONS, permission__codename="publish_page"
    ).delete()


def review_before_publishing(apps, schema_editor):
    reviewers = create_reviewers(apps)
    retire_wagtail_default_workflow(apps)
    create_workflow(apps, reviewers)
    stop_communications_publishing(apps)


def publish_without_review(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Task = apps.get_model("wagtailcore", "Task")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")

    communications = Group.objects.filter(name=COMMUNICATIONS).first()
    if communications is not None:
        GroupPagePermission.objects.get_or_create(
            group=communications, page=root_page(apps), permission=page_permission(apps, "publish")
        )
    ours = Workflow.objects.filter(name=WORKFLOW)
    WorkflowPage.objects.filter(workflow__in=ours).delete()
    if WorkflowState.objects.filter(workflow__in=ours).exists():
        # Reviews already happened: keep their history, just stop the workflow.
        ours.update(active=False)
        Task.objects.filter(name=TASK).update(active=False)
    else:
        ours.delete()
        Task.objects.filter(name=TASK).delete()
    default = Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).first()
    if default is not None:
        default.active = True
        default.save(update_fields=["active"])
        Task.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).update(active=True)
        WorkflowPage.objects.update_or_create(page=root_page(apps), defaults={"workflow": default})
    Group.objects.filter(name=REVIEWERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0003_staff_groups"),
    ]

    operations = [migrations.RunPython(review_before_publishing, publish_without_review)]
