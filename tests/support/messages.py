"""Reading a message to a member as the member does: the envelope's link, one click, the page."""

import re

from tests.html import parse

LINK = re.compile(r"https?://\S+")


def link_in(body):
    return LINK.search(body).group(0)


def path_of(url):
    return "/" + url.split("/", 3)[3]


def open_page(client, email, language=None):
    """The response to opening the email's link (its first, or the one in `language`)."""
    urls = LINK.findall(email.body)
    if language is not None:
        urls = [url for url in urls if ("/cy/" in url) == (language == "cy")]
    response = client.post(path_of(urls[0]), follow=True)
    assert response.status_code == 200, response
    return response


def read(client, email, language=None):
    """The words of the page the email's link opens."""
    main = parse(open_page(client, email, language)).select_one("main")
    return " ".join(main.get_text(" ").split())
