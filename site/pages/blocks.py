"""StreamField blocks shared by the public page types."""

from django.core.exceptions import ValidationError
from django.utils.html import format_html_join
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["bold", "italic", "h3", "h4", "ol", "ul", "link", "document-link"]


class CalloutBlock(blocks.StructBlock):
    """A boxed note: a warning, or key information a reader must not miss."""

    style = blocks.ChoiceBlock(
        choices=[("info", _("Information")), ("warning", _("Warning"))],
        default="info",
        label=_("Style"),
    )
    heading = blocks.CharBlock(required=False, label=_("Heading"))
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"))

    class Meta:
        icon = "warning"
        template = "blocks/callout.html"
        label = _("Callout")


class LinkBlock(blocks.StructBlock):
    """A link to a page on this site or to another address."""

    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    url = blocks.URLBlock(required=False, label=_("Other address"))
    title = blocks.CharBlock(
        required=False,
        label=_("Link text"),
        help_text=_("Leave empty to use the page's title."),
    )

    def clean(self, value):
        # An address on this site that is not a Wagtail page (such as /have-your-say/, a
        # Django view) is written from the slash; the URL field alone wants a scheme.
        address = value.get("url") or ""
        on_this_site = address.startswith("/") and not address.startswith("//")
        if on_this_site:
            value = blocks.StructValue(self, [*value.items()])
            value["url"] = ""
        value = super().clean(value)
        if on_this_site:
            value["url"] = address
        if bool(value.get("page")) == bool(value.get("url")):
            error = ValidationError(_("Choose a page or enter an address, not both."))
            raise StructBlockValidationError(block_errors={"page": error})
        if value.get("url") and not value.get("title"):
            error = ValidationError(_("Give link text for an address outside this site."))
            raise StructBlockValidationError(block_errors={"title": error})
        return value

    class Meta:
        icon = "link"
        label = _("Link")


class CardBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"))
    text = blocks.TextBlock(required=False, label=_("Text"))
    link = LinkBlock(label=_("Link"))

    class Meta:
        icon = "doc-full"
        label = _("Card")


class FigureBlock(blocks.StructBlock):
    """An image with its alt text (or marked as decoration) and an optional caption."""

    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))

    def to_python(self, value):
        return super().to_python(self._as_figure(value))

    def bulk_to_python(self, values):
        return super().bulk_to_python([self._as_figure(value) for value in values])

    @staticmethod
    def _as_figure(value):
        # Bodies saved before captions existed hold a bare image block here: keep its alt text.
        if isinstance(value, dict) and "caption" not in value and "alt_text" in value:
            return {"image": value, "caption": ""}
        return value

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        label = _("Image")


class BodyBlock(blocks.StreamBlock):
    """The blocks every content page can use."""

    heading = blocks.CharBlock(
        form_classname="title", icon="title", label=_("Heading"), template="blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Paragraph"))
    callout = CalloutBlock()
    image = FigureBlock()
    cards = blocks.ListBlock(CardBlock(), label=_("Cards"), template="blocks/cards.html")

    class Meta:
        label = _("Body")

    def render_basic(self, value, context=None):
        """Give each block the heading level that keeps the page's outline whole.

        Heading blocks sit one level under the heading above the body (the page's h1,
        or a section's heading: `heading_level` in the context says which level that
        is). A callout's or cards' headings take the same level until the first heading
        block, then one level under it, so no heading ever skips a level.
        """
        context = dict(context or {})
        top = context.get("heading_level", 2)
        level = top
        rendered = []
        for child in value:
            is_heading = child.block_type == "heading"
            child_context = {**context, "heading_level": top if is_heading else level}
            rendered.append((child.render(context=child_context), child.block_type))
            if is_heading:
                level = min(top + 1, 6)
        return format_html_join("\n", '<div class="w-block-{1} block-{1}">{0}</div>', rendered)


class SectionBlock(blocks.StructBlock):
    """A numbered section of a long document; its heading becomes an anchor."""

    heading = blocks.CharBlock(label=_("Section heading"))
    body = BodyBlock()

    class Meta:
        icon = "doc-full-inverse"
        label = _("Section")


def section_anchors(headings):
    """Stable, unique, ASCII anchor ids for a list of section headings.

    Welsh letters fold to their plain forms (ŵ -> w), so ids survive every
    browser and email client; clashes get a number.
    """
    seen = {}
    anchors = []
    for heading in headings:
        base = slugify(heading) or "section"
        count = seen.get(base, 0) + 1
        seen[base] = count
        anchors.append(base if count == 1 else f"{base}-{count}")
    return anchors
