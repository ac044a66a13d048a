"""What the meetings app tells others, in the transaction of the change itself.

The notifications app listens and records the emails: meetings know nothing of emails, and the
outbox rows commit (or roll back) with the change that caused them.
"""

from django.dispatch import Signal

#: A meeting's calendar-visible details changed, or it was cancelled: ``meeting``, the
#: ``participations`` to tell (their ``meeting`` set), ``cancelled`` and the ``changes`` (labels).
meeting_revised = Signal()

#: New invitees: ``meeting`` and their ``participations`` (their ``meeting`` set).
invitees_added = Signal()
