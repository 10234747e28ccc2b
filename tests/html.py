from bs4 import BeautifulSoup


def parse(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def alternates(soup):
    """{hreflang: href} of the page's alternate links."""
    return {
        link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')
    }


def switch_link(soup):
    links = soup.select(".language-switch a")
    assert len(links) == 1, "exactly one language switch link"
    return links[0]
