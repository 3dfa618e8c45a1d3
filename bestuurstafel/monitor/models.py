"""The programme monitor: a network's projects (IZA, GALA, AZWA, ...), their parts, milestones
and funding, and the network's monitor settings (embedding, own course lines, last change)."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bestuurstafel.core.confidentiality import Confidentiality
from bestuurstafel.core.models import TimeStampedModel


class Agreement(models.TextChoices):
    IZA = "iza", "IZA"
    GALA = "gala", "GALA"
    AZWA = "azwa", "AZWA"
    HLO = "hlo", "HLO"
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    IDEA = "idea", _("Idea")
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    PAUSED = "paused", _("Paused")
    STOPPED = "stopped", _("Stopped")


# Which status may follow which (the service enforces it; the same status is always allowed).
ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    Status.IDEA: {Status.PLANNED, Status.RUNNING, Status.STOPPED},
    Status.PLANNED: {Status.IDEA, Status.RUNNING, Status.PAUSED, Status.STOPPED},
    Status.RUNNING: {Status.COMPLETED, Status.PAUSED, Status.STOPPED},
    Status.PAUSED: {Status.PLANNED, Status.RUNNING, Status.STOPPED},
    Status.COMPLETED: {Status.RUNNING},
    Status.STOPPED: {Status.IDEA, Status.PLANNED},
}


class Approval(models.TextChoices):
    NONE = "", _("Not applicable")
    SUBMITTED = "submitted", _("Submitted")
    QUICK_TEST = "quick_test_passed", _("Quick test passed")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    QUEUED = "queued", _("Waiting list")


class Scale(models.TextChoices):
    DISTRICT = "district", _("District")
    MUNICIPALITY = "municipality", _("Municipality")
    SUBREGION = "subregion", _("Sub-region")
    IZA_REGION = "iza_region", _("IZA region")
    CARE_OFFICE_REGION = "care_office_region", _("Care office region")
    PROVINCE = "province", _("Province")
    NATIONAL = "national", _("National")


class ProgressRollup(models.TextChoices):
    MANUAL = "manual", _("Entered by hand")
    PARTS = "parts", _("From the parts (weighted)")
    AVERAGE = "average", _("Average of the sub-projects")
    WEIGHTED = "weighted", _("Sub-projects weighted by their weight")


class PartState(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_DEVELOPMENT = "in_development", _("In development")
    READY = "ready", _("Ready")


class FundingSource(models.TextChoices):
    SPUK_IZA = "spuk_iza", _("SPUK IZA (region)")
    BREDE_SPUK = "brede_spuk", _("Brede SPUK / GALA (municipality)")
    IZA_TRANSFORMATION = "iza_transformation", _("IZA transformation funds (DUS-I)")
    INSURER = "insurer", _("Transformation funds via the health insurer")
    AZWA_SPUK = "azwa_spuk", _("AZWA SPUK")
    BREAKTHROUGH = "breakthrough", _("Breakthrough funds social domain")
    MGN = "mgn", _("Mental health network funds")
    OWN = "own", _("Own funds")
    PROVINCE = "province", _("Province")
    ZONMW = "zonmw", "ZonMw"
    REGION_DEAL = "region_deal", _("Region deal")
    OTHER = "other", _("Other")


class FundingState(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    GRANTED = "granted", _("Granted")


PROJECT_LEVELS = [
    (Confidentiality.PUBLIC.value, Confidentiality.PUBLIC.label),
    (Confidentiality.NETWORK.value, Confidentiality.NETWORK.label),
]


class MonitorSettings(models.Model):
    """A network's monitor: where it may be embedded, its own course lines, when it last changed
    (for the network, and for the public)."""

    network = models.OneToOneField(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="monitor_settings",
    )
    intro = models.TextField(_("introduction on the dashboard"), blank=True)
    course_lines = models.JSONField(
        _("course lines"),
        default=list,
        blank=True,
        help_text=_("The network's own themes, one per line."),
    )
    embed_origins = models.JSONField(
        _("sites that may embed the dashboard"),
        default=list,
        blank=True,
        help_text=_("Origins such as https://www.example.nl, one per line."),
    )
    # Bumped by every service that changes what the monitor shows; the validators (ETag /
    # Last-Modified) and the "last updated" date of those who see network-level projects use it.
    last_changed = models.DateTimeField(_("last changed"), null=True, blank=True)
    last_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Bumped only when something the public sees changed (a public project, or one hidden or
    # shown, the settings); the public's validators and date use it, so that they do not tell
    # a visitor that, and when, a network-level project was edited.
    public_changed = models.DateTimeField(_("last public change"), null=True, blank=True)

    class Meta:
        verbose_name = _("monitor settings")
        verbose_name_plural = _("monitor settings")

    def __str__(self) -> str:
        return str(self.network)


class Project(TimeStampedModel):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="projects",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    agreement = models.CharField(
        _("agreement"), max_length=10, choices=Agreement.choices, default=Agreement.IZA
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.IDEA
    )
    status_since = models.DateField(_("status since"), null=True, blank=True)
    approval = models.CharField(
        _("approval of the plan"), max_length=20, choices=Approval.choices, blank=True, default=""
    )
    approval_date = models.DateField(_("approval date"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    progress_rollup = models.CharField(
        _("progress comes from"),
        max_length=10,
        choices=ProgressRollup.choices,
        default=ProgressRollup.MANUAL,
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("How much this sub-project counts in the progress of its parent project."),
    )
    scale = models.CharField(
        _("scale"), max_length=20, choices=Scale.choices, default=Scale.MUNICIPALITY
    )
    region_wide = models.BooleanField(_("the whole region"), default=False)
    municipalities = models.ManyToManyField(
        "geo.Municipality", verbose_name=_("municipalities"), related_name="projects", blank=True
    )
    lead_organisation = models.ForeignKey(
        "networks.Organisation",
        verbose_name=_("lead organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_projects",
    )
    organisations = models.ManyToManyField(
        "networks.Organisation",
        verbose_name=_("participating organisations"),
        related_name="projects",
        blank=True,
    )
    other_partners = models.CharField(
        _("other partners"),
        max_length=300,
        blank=True,
        help_text=_("Partners that are not part of the network."),
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    contact_name = models.CharField(_("contact"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail address"), blank=True)
    links = models.JSONField(_("links"), default=list, blank=True)
    highlight_year = models.PositiveSmallIntegerField(
        _("highlight of the year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    highlight_text = models.CharField(_("why it is a highlight"), max_length=300, blank=True)
    confidentiality = models.CharField(
        _("who may see this"),
        max_length=10,
        choices=PROJECT_LEVELS,
        default=Confidentiality.NETWORK,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by_label = models.CharField(_("last updated by (name)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="project_end_after_start",
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="project_progress_max"),
        ]
        indexes = [
            models.Index(fields=["network", "status"]),
            models.Index(fields=["network", "highlight_year"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("monitor:project", kwargs={"slug": self.network.slug, "code": self.code})

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end lies before the start.")})


class ProjectTheme(models.Model):
    """One theme of a project: ``"<scheme>:<value>"`` (see ``vocabulary``)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="themes")
    key = models.CharField(_("theme"), max_length=80)

    class Meta:
        verbose_name = _("project theme")
        verbose_name_plural = _("project themes")
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(fields=["project", "key"], name="project_theme_unique")
        ]
        indexes = [models.Index(fields=["key", "project"])]

    def __str__(self) -> str:
        return self.key

    @property
    def scheme(self) -> str:
        return self.key.split(":", 1)[0]


class ProjectPart(models.Model):
    """A part of a plan (a transformation plan of ten parts, six of them ready)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="parts")
    title = models.CharField(_("title"), max_length=200)
    state = models.CharField(
        _("state"), max_length=20, choices=PartState.choices, default=PartState.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("part")
        verbose_name_plural = _("parts")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def effective_progress(self) -> int:
        if self.state == PartState.READY:
            return 100
        if self.state == PartState.NOT_STARTED:
            return 0
        return self.progress


class Milestone(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    date = models.DateField(_("date"))
    title = models.CharField(_("milestone"), max_length=200)
    description = models.CharField(_("description"), max_length=500, blank=True)
    done = models.BooleanField(_("reached"), default=False)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return self.title


class FundingLine(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="funding")
    source = models.CharField(_("source"), max_length=20, choices=FundingSource.choices)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    state = models.CharField(
        _("state"), max_length=10, choices=FundingState.choices, default=FundingState.REQUESTED
    )

    class Meta:
        verbose_name = _("funding line")
        verbose_name_plural = _("funding lines")
        ordering = ["year", "source", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="funding_amount_not_negative"),
            models.UniqueConstraint(
                fields=["project", "source", "year"], name="funding_one_line_per_source_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.year}"


class ImportJob(TimeStampedModel):
    """A large spreadsheet checked and imported in the background, with its progress and report.

    Small files are checked and imported in the request (kept with ``core.stash``); a file with
    more rows than ``IMPORT_BACKGROUND_ROWS`` becomes a job that the task worker runs.
    """

    class State(models.TextChoices):
        CHECKING = "checking", _("Checking")
        CHECKED = "checked", _("Checked, waiting for confirmation")
        INVALID = "invalid", _("The file has problems")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="monitor_import_jobs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(_("file"), max_length=200)
    data = models.BinaryField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.CHECKING)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))

    @property
    def is_running(self) -> bool:
        return self.state in (self.State.CHECKING, self.State.IMPORTING)
