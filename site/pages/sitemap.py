from urllib.parse import urlsplit

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

    def _urls(self, page, protocol, domain):
        """The addresses on the host the sitemap was asked for (checked by ALLOWED_HOSTS),
        not the Site record's hostname, which an installation may never have changed."""
        urls = super()._urls(page, protocol, domain)
        if self.request is not None:
            for url_info in urls:
                address = urlsplit(url_info["location"])
                path = address.path + (f"?{address.query}" if address.query else "")
                url_info["location"] = self.request.build_absolute_uri(path)
        return urls
