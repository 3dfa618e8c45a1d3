from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bestuurstafel.meetings.services import send_reminders


class Command(BaseCommand):
    help = (
        "Queue the reminders that are due: meetings (their own number of days before) and "
        "actions (a few days before the deadline, and once when overdue). Safe to run often "
        "(e.g. hourly from cron): every reminder is sent once. The task worker delivers them."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--action-days",
            type=int,
            default=3,
            help="Remind action owners this many days before the deadline (default 3).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = send_reminders(action_days=options["action_days"])
        self.stdout.write(
            f"{report.meeting_messages} meeting reminder(s) for {report.meetings} meeting(s), "
            f"{report.action_messages} action reminder(s) for {report.actions} action(s) queued."
        )
        if report.failed:
            # Logged with the traceback; the command exits with an error so cron reports it.
            raise CommandError(f"Reminders failed for: {', '.join(report.failed)} (see the log).")
