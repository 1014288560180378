"""Blocks for the body of a case story.

Every text child is a CharBlock/TextBlock/RichTextBlock so wagtail-localize offers it to
translators; image alt text is a block field (not the image's own alt text) so each language
describes the picture in its own words.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from translation.segments import SynchronisedChildrenMixin

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "components/blocks/paragraph.html"
        description = _("A paragraph of the story, with bold, italic, links and lists.")
        preview_value = (
            "<p>Eleven months after she crossed the border, Rosa is still waiting for a "
            "hearing.</p>"
        )


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(
        label=_("Attribution"),
        required=False,
        help_text=_(
            "Who said it. Use the same changed name as the story when identity is protected."
        ),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "components/blocks/quote.html"
        description = _("Words of the person, their family or their lawyer, with who said them.")
        preview_value = {
            "quote": "I want my children to grow up without fear.",
            "attribution": "Rosa, in a letter from detention",
        }


class CaptionedImageBlock(SynchronisedChildrenMixin, blocks.StructBlock):
    # The picture is covered by the story's photo consent: translators describe it, never
    # swap it.
    synchronised_children = ("image",)

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it. Required."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)
    credit = blocks.CharBlock(label=_("Credit"), required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "components/blocks/image.html"
        description = _(
            "A picture with alt text, caption and credit. Needs photo consent on file "
            "before the story can be published."
        )
        preview_value = {
            "alt_text": "A drawing of a door opening onto a bright field",
            "caption": "An illustration, not a photograph of the family.",
            "credit": "Haven",
        }


class VideoBlock(SynchronisedChildrenMixin, blocks.StructBlock):
    # The video's URL is copied from the English story; translators caption it.
    synchronised_children = ("video",)

    video = EmbedBlock(label=_("Video URL"), help_text=_("A link to the video, e.g. on YouTube."))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "components/blocks/video.html"
        description = _("An embedded video with a caption.")
        preview_value = {"caption": "A message recorded by the family's lawyer."}


class KeyFactBlock(blocks.StructBlock):
    figure = blocks.CharBlock(label=_("Figure"), max_length=40, help_text=_("E.g. “14 months”."))
    label = blocks.CharBlock(
        label=_("What it means"),
        max_length=160,
        help_text=_("E.g. “in detention without a hearing”."),
    )
    source = blocks.CharBlock(label=_("Source"), required=False, max_length=160)

    class Meta:
        icon = "info-circle"
        label = _("Key fact")
        template = "components/blocks/key_fact.html"
        description = _("One striking number or fact, shown large.")
        preview_value = {"figure": "14 months", "label": "in detention without a hearing"}


class StoryBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    video = VideoBlock()
    key_fact = KeyFactBlock()


def body_has_images(body):
    """True when the story body shows at least one picture (photo consent needed)."""
    return any(block.block_type == "image" and block.value.get("image") for block in body or [])
