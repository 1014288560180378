"""Events the actions app announces (connected in ready() where it listens itself).

`action_taken` is how other apps learn that someone signed, called or emailed: `actions`
calls no other app's code when a reader acts (the `supporters` app listens and decides
which email, if any, follows). The Campaign managers group is created with every other role
in home/roles.py.
"""

from django.dispatch import Signal

# Sent inside the transaction that stored a new response (never for a refused repeat).
# Arguments: response (the saved ActionResponse), page (the action page it was made on).
action_taken = Signal()

# A reader confirmed sending their message to officials' inboxes through the site. Sent
# once per inbox inside the transaction that logs the e-mail response. Argument: message, a
# dict (to, subject, body, reply_to, language, dedupe_key, topic). The supporters app queues
# it in its outbox and returns the row; `actions` refuses to count a message no one queued.
official_message = Signal()
