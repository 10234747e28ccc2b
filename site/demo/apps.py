from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo content and `manage.py load_demo_content`: development and tests only.

    Nothing in the product imports this app, and production settings never install it.
    """

    name = "demo"
    verbose_name = "Demo content"
