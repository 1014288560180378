"""What an approved review does: Wagtail's WAGTAIL_FINISH_WORKFLOW_ACTION.

Wagtail imports this while it defines its own models, so nothing here imports models at
module level.
"""


def publish_approved(workflow_state, user=None):
    """Publish the approved object; for a translation, as its strings are now.

    For the target page of a translation, a fresh revision is first built from the
    translation's strings, so what a translator saved after "Submit for review" is
    published too (the editor reviewed it in the translation editor, which always shows
    the latest strings). When the latest strings could not go to review (a string was
    emptied or a placeholder broken since), the submitted revision is published as it was.
    """
    from wagtail.models import Page
    from wagtail_localize.models import TranslationLog

    from translation.review import review_blockers, translation_for

    obj = workflow_state.content_object
    published_strings_of = None
    if isinstance(obj, Page):
        translation = translation_for(obj)
        if translation is not None and not review_blockers(translation):
            draft = translation.source.get_ephemeral_translated_instance(
                translation.target_locale, fallback=False
            )
            draft.save_revision(user=user)
            obj.refresh_from_db()  # its latest_revision now points at the fresh one
            published_strings_of = translation
    revision = obj.get_latest_revision()
    revision.publish(user=user)
    if published_strings_of is not None:
        # As wagtail-localize's own publish does: the translators' dashboard reads this log
        # to tell "published" from "strings saved since", and offered the review again.
        TranslationLog.objects.create(
            source=published_strings_of.source,
            locale=published_strings_of.target_locale,
            revision=revision,
        )
