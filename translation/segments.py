"""StructBlocks whose children reach translators exactly as copy, and nothing else.

wagtail-localize cannot configure a StructBlock's children with
`override_translatable_fields` (wagtail-localize #307): a CharBlock child such as a phone
number becomes a string to translate, and URL, e-mail, embed and image children become
"synchronised values" a translator may override. Mixing this into a StructBlock and
naming those children in `synchronised_children` keeps them copied from the English
block and hidden from translators.

A multi-line TextBlock (a call script, an e-mail message) reaches wagtail-localize's
editor as one string with literal `<br/>` markers, and the line breaks a translator types
there are dropped. Children named in `paragraph_children` are offered one line at a time
instead (every segment sharing the child's path, as rich-text paragraphs do), and the
translated text is rebuilt around the source's own blank lines, so paragraphs survive
translation and translators never see markup.

It uses wagtail-localize's block hooks (`get_translatable_segments` /
`restore_translated_segments`), so the block's class path and its migrations do not
change.
"""

from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import StreamFieldSegmentExtractor
from wagtail_localize.segments.ingest import StreamFieldSegmentsWriter


def text_lines(text):
    """The lines of `text` a translator translates: every line that is not blank."""
    return [line for line in (text or "").replace("\r\n", "\n").split("\n") if line.strip()]


def rebuild_lines(source_text, translated_lines):
    """`source_text` with each non-blank line replaced by the next translated one.

    Blank lines (paragraph breaks) and the order of lines come from the source; a
    translated line that itself holds line breaks keeps them.
    """
    remaining = iter(translated_lines)
    out = []
    for line in (source_text or "").replace("\r\n", "\n").split("\n"):
        out.append(next(remaining, line) if line.strip() else line)
    return "\n".join(out)


class SynchronisedChildrenMixin:
    synchronised_children = ()
    paragraph_children = ()

    def get_translatable_segments(self, value):
        # Inside a translatable StreamField wagtail-localize always extracts overridables.
        extractor = StreamFieldSegmentExtractor(None, include_overridables=True)
        raw = self.get_prep_value(value)
        segments = []
        for name, child_value in value.items():
            if name in self.synchronised_children:
                continue
            if name in self.paragraph_children:
                segments.extend(StringSegmentValue(name, line) for line in text_lines(child_value))
                continue
            segments.extend(
                segment.wrap(name)
                for segment in extractor.handle_block(
                    self.child_blocks[name], child_value, raw_value=raw.get(name)
                )
            )
        return segments

    def restore_translated_segments(self, value, segments):
        lines = {name: [] for name in self.paragraph_children}
        rest = []
        for segment in segments:
            name = segment.path.split(".", 1)[0]
            if name in lines and segment.path == name:
                lines[name].append(segment.render_text())
            else:
                rest.append(segment)
        for name, translated in lines.items():
            if translated:
                value[name] = rebuild_lines(value.get(name), translated)
        # Children without segments keep the English value the translation was copied from.
        return StreamFieldSegmentsWriter(None, None, None).handle_struct_block(value, rest)
