"""StructBlocks whose non-copy children stay out of the translation editor.

wagtail-localize cannot configure a StructBlock's children with
`override_translatable_fields` (wagtail-localize #307): a CharBlock child such as a phone
number becomes a string to translate, and URL, e-mail, embed and image children become
"synchronised values" a translator may override. Mixing this into a StructBlock and
naming those children in `synchronised_children` keeps them copied from the English
block and hidden from translators. It uses wagtail-localize's block hooks
(`get_translatable_segments` / `restore_translated_segments`), so the block's class path
and its migrations do not change.
"""

from wagtail_localize.segments.extract import StreamFieldSegmentExtractor
from wagtail_localize.segments.ingest import StreamFieldSegmentsWriter


class SynchronisedChildrenMixin:
    synchronised_children = ()

    def get_translatable_segments(self, value):
        # Inside a translatable StreamField wagtail-localize always extracts overridables.
        extractor = StreamFieldSegmentExtractor(None, include_overridables=True)
        raw = self.get_prep_value(value)
        segments = []
        for name, child_value in value.items():
            if name in self.synchronised_children:
                continue
            segments.extend(
                segment.wrap(name)
                for segment in extractor.handle_block(
                    self.child_blocks[name], child_value, raw_value=raw.get(name)
                )
            )
        return segments

    def restore_translated_segments(self, value, segments):
        # Children without segments keep the English value the translation was copied from.
        return StreamFieldSegmentsWriter(None, None, None).handle_struct_block(value, segments)
