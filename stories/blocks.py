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


class ShareBlock(blocks.StructBlock):
    """Share links for the page it sits on, placed where the story asks for them."""

    heading = blocks.CharBlock(
        label=_("Heading"), max_length=120, required=False, help_text=_("E.g. “Spread the word”.")
    )
    text = blocks.TextBlock(label=_("Text"), required=False)

    class Meta:
        icon = "link"
        label = _("Share")
        template = "components/blocks/share.html"
        description = _(
            "Links to share this page by email, WhatsApp, X and Facebook, with a short ask."
        )
        preview_value = {
            "heading": "Spread the word",
            "text": "Tell three friends why seeking safety is not a crime.",
        }


class DonateBlock(SynchronisedChildrenMixin, blocks.StructBlock):
    """An ask for money, linking to the organisation's own donation page."""

    # The donation page is the same in every language unless the organisation has a Spanish
    # one: translators may not change where money goes.
    synchronised_children = ("url",)

    heading = blocks.CharBlock(
        label=_("Heading"), max_length=120, help_text=_("E.g. “Support our work”.")
    )
    text = blocks.TextBlock(label=_("Why give"), required=False)
    button_label = blocks.CharBlock(label=_("Button label"), max_length=60, default="Donate")
    url = blocks.URLBlock(label=_("Donation page"), help_text=_("The organisation's own page."))

    class Meta:
        icon = "pick"
        label = _("Donate ask")
        template = "components/blocks/donate.html"
        description = _("A short appeal with a button to the organisation's donation page.")
        preview_value = {
            "heading": "Support our work",
            "text": "Legal help at the border is paid for by people like you.",
            "button_label": "Donate",
            "url": "https://example.org/donate",
        }


class CampaignImageBlock(CaptionedImageBlock):
    """The same credited picture as in stories; a campaign has no person's photo consent to
    check, so the editor is only asked for the rights to use it."""

    class Meta:
        icon = "image"
        label = _("Image")
        template = "components/blocks/image.html"
        description = _(
            "A picture with alt text, caption and photographer's credit. Use only pictures "
            "the organisation has the rights to."
        )
        preview_value = {
            "alt_text": "People waiting at a border crossing at dawn",
            "caption": "A border crossing at dawn.",
            "credit": "Haven",
        }


class StoryBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    video = VideoBlock()
    key_fact = KeyFactBlock()
    share = ShareBlock()
    donate = DonateBlock()


class CampaignBodyBlock(blocks.StreamBlock):
    """A campaign's body: the story blocks without the consent rules of a person's case."""

    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    image = CampaignImageBlock()
    video = VideoBlock()
    key_fact = KeyFactBlock()
    share = ShareBlock()
    donate = DonateBlock()


def body_has_images(body):
    """True when the story body shows at least one picture (photo consent needed)."""
    return any(block.block_type == "image" and block.value.get("image") for block in body or [])
