from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class BilingualSitemap(Sitemap):
    """Every live public page in every language, not just the site root's language."""

    def items(self):
        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        under_a_home = Q()
        for home in homes:
            under_a_home |= Q(path__startswith=home.path)
        return (
            Page.objects.live()
            .public()
            .filter(under_a_home)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
