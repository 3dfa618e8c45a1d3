"""Meetings of a body: agenda, attachments, invitations and attendance, minutes, decisions,
actions and reflections.

Everything that can carry a confidentiality level has one (``confidentiality_field``); who sees
what is decided in ``selectors`` through ``networks.access.visible_q`` only.
"""

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bestuurstafel.core.confidentiality import Confidentiality, confidentiality_field
from bestuurstafel.core.models import TimeStampedModel


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent for comment")
    APPROVED = "approved", _("Approved")


class Purpose(models.TextChoices):
    INFORM = "inform", _("For information")
    DISCUSS = "discuss", _("For discussion")
    DECIDE = "decide", _("For decision")
    SIGN = "sign", _("For signing")
    ADOPT = "adopt", _("For adoption")


class Rsvp(models.TextChoices):
    NO_ANSWER = "none", _("No answer yet")
    ATTEND = "attend", _("Attends")
    ABSENT = "absent", _("Absent")
    DEPUTY = "deputy", _("Sends their deputy")


class Presence(models.TextChoices):
    UNKNOWN = "unknown", _("Not recorded")
    PRESENT = "present", _("Present")
    ABSENT_NOTICE = "absent_notice", _("Absent with notice")
    ABSENT = "absent", _("Absent without notice")
    REPRESENTED = "represented", _("Represented by deputy")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


class MeetingSeries(TimeStampedModel):
    """Meetings planned together, e.g. the four half-day plenaries of a year."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="meeting_series"
    )
    body = models.ForeignKey(
        "networks.Body", verbose_name=_("body"), on_delete=models.CASCADE, related_name="series"
    )
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Meeting(TimeStampedModel):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    body = models.ForeignKey(
        "networks.Body", verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings"
    )
    series = models.ForeignKey(
        MeetingSeries,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    location = models.CharField(_("location (address)"), max_length=300, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    description = models.TextField(_("introduction"), blank=True)
    is_public = models.BooleanField(
        _("public meeting"),
        default=False,
        help_text=_("Anyone may see the date, the place and the public agenda items."),
    )
    chair = models.ForeignKey(
        "networks.Person",
        verbose_name=_("chaired by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chaired_meetings",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    sequence = models.PositiveIntegerField(
        _("calendar revision"),
        default=0,
        help_text="iCalendar SEQUENCE: raised on every change sent to the invitees.",
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("reminder (days before)"),
        default=7,
        help_text=_("Invitees get a reminder this many days before the meeting; 0 for none."),
    )
    residents_present = models.PositiveIntegerField(_("residents present"), default=0)
    minutes_status = models.CharField(
        _("minutes"), max_length=10, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    minutes_sent_at = models.DateTimeField(_("minutes sent at"), null=True, blank=True)
    minutes_approved_at = models.DateTimeField(_("minutes approved at"), null=True, blank=True)
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    minutes_approved_in = models.ForeignKey(
        "self",
        verbose_name=_("minutes approved in the meeting of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approved_minutes_of",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"
            )
        ]
        indexes = [models.Index(fields=["network", "starts_at"])]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.title} ({local:%d-%m-%Y})"

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", kwargs={"slug": self.network.slug, "code": self.code})

    @property
    def duration(self) -> timedelta:
        return self.ends_at - self.starts_at

    @property
    def hours(self) -> float:
        return self.duration.total_seconds() / 3600

    @property
    def is_draft(self) -> bool:
        return self.status == MeetingStatus.DRAFT

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def title_with_body(self) -> str:
        """ "Title (body)", or the title alone when it is the body's name ("Dagelijks bestuur")."""
        if self.title.strip().casefold() == self.body.name.strip().casefold():
            return self.title
        return f"{self.title} ({self.body.name})"

    @property
    def has_ended(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def minutes_locked(self) -> bool:
        return self.minutes_status == MinutesStatus.APPROVED

    @property
    def ical_uid(self) -> str:
        """Stable for the life of the meeting, so calendars update the same event."""
        return f"meeting-{self.code}@bestuurstafel"

    @property
    def level(self) -> str:
        """The confidentiality of the meeting itself (its date, place and title)."""
        return Confidentiality.PUBLIC if self.is_public else Confidentiality.NETWORK


class AgendaItem(TimeStampedModel):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("sub-item of"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    number = models.CharField(
        _("number"), max_length=10, blank=True, help_text="Kept by the services: 4 or 4.1."
    )
    offset_minutes = models.PositiveIntegerField(
        default=0, help_text="Minutes after the meeting's start (kept by the services)."
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("explanation"), blank=True)
    presenter = models.ForeignKey(
        "networks.Person",
        verbose_name=_("presenter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="presented_items",
    )
    presenter_name = models.CharField(
        _("guest presenter"),
        max_length=150,
        blank=True,
        help_text=_("A presenter from outside the network, by name."),
    )
    purpose = models.CharField(
        _("purpose"), max_length=10, choices=Purpose.choices, default=Purpose.INFORM
    )
    duration_minutes = models.PositiveSmallIntegerField(_("planned minutes"), default=10)
    confidentiality = confidentiality_field()
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("carried over from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_to",
    )
    minutes_of = models.ForeignKey(
        Meeting,
        verbose_name=_("adopts the minutes of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approval_items",
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title

    @property
    def presenter_label(self) -> str:
        if self.presenter_id is not None and self.presenter is not None:
            return self.presenter.full_name
        return self.presenter_name

    @property
    def is_sub_item(self) -> bool:
        return self.parent_id is not None

    def planned_start(self) -> datetime:
        return self.meeting.starts_at + timedelta(minutes=self.offset_minutes)


def attachment_path(instance: "Attachment", filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"meetings/{instance.item.meeting.code}/{uuid.uuid4().hex}{suffix}"


class Attachment(TimeStampedModel):
    """A file of an agenda item, numbered across the meeting (Bijlage 1..n).

    Files live outside the static and media URLs; they are served only by a view that checks
    the reader's rights.
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    original_name = models.CharField(max_length=300)
    content_type = models.CharField(max_length=150)
    size = models.PositiveBigIntegerField(default=0)
    confidentiality = confidentiality_field()
    position = models.PositiveIntegerField(default=0)
    number = models.PositiveIntegerField(_("number"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["number", "pk"]

    def __str__(self) -> str:
        return f"Bijlage {self.number}: {self.title}"

    @property
    def extension(self) -> str:
        return PurePosixPath(self.original_name).suffix.lstrip(".").upper()


class Participant(TimeStampedModel):
    """Someone invited to (or present at) a meeting: a body member, a deputy or a guest."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(
        "networks.Person",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="participations",
    )
    organisation = models.ForeignKey(
        "networks.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participations",
    )
    guest_name = models.CharField(_("guest"), max_length=150, blank=True)
    guest_organisation = models.CharField(_("guest's organisation"), max_length=200, blank=True)
    item = models.ForeignKey(
        "AgendaItem",
        verbose_name=_("for agenda item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="guests",
        help_text=_(
            "A guest who came for one item is seen only by those who may see that item: their "
            "name and organisation can tell what a closed item is about."
        ),
    )
    invited = models.BooleanField(default=True, help_text="Invited as a member of the body.")
    stands_in_for = models.ForeignKey(
        "self",
        verbose_name=_("stands in for"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deputies",
    )
    rsvp = models.CharField(
        _("answer"), max_length=10, choices=Rsvp.choices, default=Rsvp.NO_ANSWER
    )
    rsvp_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    rsvp_note = models.CharField(_("note"), max_length=300, blank=True)
    deputy = models.ForeignKey(
        "networks.Person",
        verbose_name=_("deputy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    presence = models.CharField(
        _("attendance"), max_length=15, choices=Presence.choices, default=Presence.UNKNOWN
    )
    is_new_member = models.BooleanField(_("new member, welcomed"), default=False)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["meeting", "person__family_name", "guest_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(person__isnull=False),
                name="participant_once_per_meeting",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(guest_name=""),
                name="participant_person_or_guest",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if self.person_id is not None and self.person is not None:
            return self.person.full_name
        return self.guest_name

    @property
    def organisation_name(self) -> str:
        if self.organisation_id is not None and self.organisation is not None:
            return self.organisation.name
        return self.guest_organisation

    @property
    def is_guest(self) -> bool:
        return self.person_id is None


class MinutesSection(TimeStampedModel):
    """The notes of one agenda item. ``version`` guards against silent overwrites."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="minutes")
    text = models.TextField(_("notes"), blank=True)
    confidentiality = confidentiality_field()
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("minutes section")
        verbose_name_plural = _("minutes sections")

    def __str__(self) -> str:
        return f"{self.item}"


class MinutesComment(TimeStampedModel):
    """A remark on minutes sent for comment, from someone invited to the meeting, for the
    secretariat: on one item or on the minutes as a whole. Only the author and the people who
    manage the meeting read it; the secretariat marks it as processed."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes_comments")
    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="minutes_comments",
    )
    author = models.ForeignKey(
        "networks.Person", on_delete=models.CASCADE, related_name="minutes_comments"
    )
    text = models.TextField(_("comment"))
    handled_at = models.DateTimeField(_("processed at"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("comment on the minutes")
        verbose_name_plural = _("comments on the minutes")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:100]

    @property
    def is_handled(self) -> bool:
        return self.handled_at is not None


class EditVersion:
    """A row corrected through a form two people may have open at once (a decision, an
    action): the form carries ``version`` and the service refuses a save made after another."""

    updated_at: datetime

    @property
    def version(self) -> str:
        return self.updated_at.astimezone(UTC).isoformat() if self.updated_at else ""


class Decision(EditVersion, TimeStampedModel):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    text = models.TextField(_("decision"))
    confidentiality = confidentiality_field()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["meeting__starts_at", "pk"]

    def __str__(self) -> str:
        return self.text[:100]


class Action(EditVersion, TimeStampedModel):
    """Something someone (a person or an organisation) has to do, by a deadline."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="actions"
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    description = models.TextField(_("what"))
    owner_person = models.ForeignKey(
        "networks.Person",
        verbose_name=_("owner (person)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
    )
    owner_organisation = models.ForeignKey(
        "networks.Organisation",
        verbose_name=_("owner (organisation)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
    )
    due_date = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    completed_at = models.DateTimeField(_("done at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    request_code = models.UUIDField(
        null=True,
        blank=True,
        help_text="Shared by the actions made from one request to every member organisation.",
    )
    confidentiality = confidentiality_field()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = [F("due_date").asc(nulls_last=True), "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_person__isnull=False) | Q(owner_organisation__isnull=False),
                name="action_has_owner",
            )
        ]
        indexes = [models.Index(fields=["network", "status", "due_date"])]

    def __str__(self) -> str:
        return self.description[:100]

    @property
    def owner_label(self) -> str:
        if self.owner_person_id is not None and self.owner_person is not None:
            return self.owner_person.full_name
        if self.owner_organisation is not None:
            return self.owner_organisation.name
        return ""

    @property
    def is_overdue(self) -> bool:
        return (
            self.status == ActionStatus.OPEN
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )

    @property
    def state(self) -> str:
        """open, done or overdue (overdue is an open action past its deadline)."""
        return "overdue" if self.is_overdue else self.status

    @property
    def state_label(self) -> str:
        """The state in words (badge, documents, spreadsheets): Open, Done or Overdue."""
        return str(_("Overdue") if self.is_overdue else self.get_status_display())


class Reflection(TimeStampedModel):
    """A short "lesson learned" a participant writes at the end of a meeting."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="reflections")
    author = models.ForeignKey(
        "networks.Person", on_delete=models.CASCADE, related_name="reflections"
    )
    text = models.TextField(_("lesson learned"))
    confidentiality = confidentiality_field()

    class Meta:
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.text[:100]


class CalendarToken(TimeStampedModel):
    """The secret of a person's calendar feed URL. Only its SHA-256 is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar link")
        verbose_name_plural = _("calendar links")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d})"
