import mailbox
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils import timezone

from bestuurstafel.meetings.replies import MAX_MESSAGE_BYTES
from bestuurstafel.meetings.services import CalendarReplyOutcome, calendar_replies_receive

EX_TEMPFAIL = 75


class Command(BaseCommand):
    help = (
        "Record the answers (accept / decline) that calendar programs send to "
        "MEETING_REPLY_ADDRESS. Reads one e-mail from standard input (for a mail server that "
        "pipes the address to this command), or every e-mail in a Maildir folder with --maildir "
        "(for a mailbox fetched by e.g. fetchmail; each e-mail is removed once read). Safe to "
        "run again on the same e-mail."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--maildir", help="Read and remove every e-mail in this Maildir.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["maildir"]:
            path = Path(options["maildir"])
            if not (path / "new").is_dir() or not (path / "cur").is_dir():
                raise CommandError(f"{path} is not a Maildir (it needs new/ and cur/).")
            box = mailbox.Maildir(path, factory=None, create=False)
            count = 0
            for key in list(box.keys()):
                self._report(calendar_replies_receive(message=box.get_bytes(key)))
                box.remove(key)
                count += 1
            self.stdout.write(f"{count} e-mail(s) read from {path}.")
            return
        raw = sys.stdin.buffer.read(MAX_MESSAGE_BYTES + 1)
        if len(raw) > MAX_MESSAGE_BYTES:
            self.stdout.write("E-mail too large for a calendar answer; ignored.")
            return
        try:
            outcomes = calendar_replies_receive(message=raw)
        except DatabaseError as error:
            # The mail server keeps the e-mail and tries again later (sysexits EX_TEMPFAIL),
            # instead of bouncing it to the invitee.
            self.stderr.write(f"Database not available, try again later: {error}")
            sys.exit(EX_TEMPFAIL)
        self._report(outcomes)

    def _report(self, outcomes: list[CalendarReplyOutcome]) -> None:
        if not outcomes:
            self.stdout.write("No calendar answer in this e-mail; ignored.")
        for outcome in outcomes:
            who = ""
            if outcome.participant is not None and outcome.participant.person is not None:
                who = (
                    f" {outcome.participant.person.full_name}, "
                    f"{outcome.participant.meeting.title} "
                    f"({timezone.localdate(outcome.participant.meeting.starts_at):%Y-%m-%d})"
                )
            self.stdout.write(f"{outcome.result}:{who} {outcome.detail}")
