"""Networks, the organisations and people that take part, their roles and the bodies they form."""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bestuurstafel.core.models import TimeStampedModel


class Sector(models.TextChoices):
    WELFARE = "welfare", _("Welfare")
    VVT = "vvt", _("Nursing and home care (VVT)")
    MENTAL_HEALTH = "mental_health", _("Mental health care (GGZ)")
    YOUTH_CARE = "youth_care", _("Youth care")
    DISABILITY_CARE = "disability_care", _("Disability care")
    GP_CARE = "gp_care", _("GP care")
    PHARMACY = "pharmacy", _("Pharmacy")
    HOSPITAL = "hospital", _("Hospital")
    GGD = "ggd", _("Public health service (GGD)")
    MUNICIPALITY = "municipality", _("Municipality")
    INSURER = "insurer", _("Health insurer")
    HOUSING = "housing", _("Housing")
    EDUCATION = "education", _("Education")
    OTHER = "other", _("Other")


class CareLine(models.IntegerChoices):
    ZERO = 0, _("Zero line (community and welfare)")
    FIRST = 1, _("First line")
    SECOND = 2, _("Second line")
    THIRD = 3, _("Third line")


class TargetGroup(models.TextChoices):
    YOUTH = "youth", _("Children and young people")
    FAMILIES = "families", _("Families")
    ADULTS = "adults", _("Adults")
    ELDERLY = "elderly", _("Older people")


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    DEPUTY = "deputy", _("Deputy")
    PARTNER = "partner", _("Partner")
    EDITOR = "editor", _("Editor")
    SECRETARY = "secretary", _("Secretary")
    CHAIR = "chair", _("Chair")


# Roles that see "members only" items. Partners (municipality, insurer, observers) do not.
FULL_MEMBER_ROLES = frozenset({Role.MEMBER, Role.DEPUTY, Role.EDITOR, Role.SECRETARY, Role.CHAIR})
# Roles that must use two-factor authentication.
TWO_FACTOR_ROLES = frozenset({Role.SECRETARY, Role.CHAIR})


class BodyKind(models.TextChoices):
    PLENARY = "plenary", _("Plenary")
    STEERING_GROUP = "steering_group", _("Steering group")
    DAILY_BOARD = "daily_board", _("Daily board")
    WORKING_GROUP = "working_group", _("Working group")
    PILLAR = "pillar", _("Pillar")
    CORE_TEAM = "core_team", _("Core team")
    LOCAL_BODY = "local_body", _("Local cooperation body")
    EXTERNAL_TABLE = "external_table", _("External table")


class BodyRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")
    ADVISOR = "advisor", _("Advisor")


def active_q(today: date | None = None, prefix: str = "") -> Q:
    """Periods that include ``today``: started, and not ended before today."""
    today = today or timezone.localdate()
    return Q(**{f"{prefix}start_date__lte": today}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": today})
    )


class Network(TimeStampedModel):
    name = models.CharField(_("name"), max_length=150)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    slug = models.SlugField(_("web address"), unique=True)
    region = models.ForeignKey(
        "geo.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="networks",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of network"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    public_description = models.TextField(_("public description"), blank=True)
    contact_name = models.CharField(_("public contact"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    municipalities = models.ManyToManyField(
        "geo.Municipality", verbose_name=_("municipalities"), related_name="networks", blank=True
    )
    expected_sectors = models.JSONField(
        _("expected sectors"),
        default=list,
        blank=True,
        help_text=_(
            "The palette this network wants complete; a sector without an organisation is a gap."
        ),
    )
    expected_target_groups = models.JSONField(_("expected target groups"), default=list, blank=True)
    is_listed = models.BooleanField(_("listed on the home page"), default=True)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("networks:detail", kwargs={"slug": self.slug})

    @property
    def label(self) -> str:
        return self.short_name or self.name


class Organisation(TimeStampedModel):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="organisations"
    )
    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    care_lines = models.JSONField(_("care lines"), default=list, blank=True)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    municipalities = models.ManyToManyField(
        "geo.Municipality",
        verbose_name=_("municipalities served"),
        related_name="organisations",
        blank=True,
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), "network", name="organisation_name_unique_in_network"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def care_line_labels(self) -> list[str]:
        return [str(CareLine(int(v)).label) for v in sorted(self.care_lines)]

    def target_group_labels(self) -> list[str]:
        return [str(TargetGroup(v).label) for v in self.target_groups if v in TargetGroup.values]


class Person(TimeStampedModel):
    """Someone who takes part, in one or more networks. Gets a login once they accept an invitation."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    given_name = models.CharField(_("given name"), max_length=100)
    infix = models.CharField(_("infix"), max_length=30, blank=True, help_text=_("e.g. “van der”"))
    family_name = models.CharField(_("family name"), max_length=100)
    email = models.EmailField(_("e-mail address"), null=True, blank=True, unique=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    bio = models.TextField(_("about me"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["family_name", "given_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.infix, self.family_name) if p)

    @property
    def initials(self) -> str:
        return (self.given_name[:1] + self.family_name[:1]).upper()


class Membership(TimeStampedModel):
    """A person's place in a network: for which organisation, in which role, for which period."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    start_date = models.DateField(_("from"), default=timezone.localdate)
    end_date = models.DateField(_("until"), null=True, blank=True)
    deputy = models.ForeignKey(
        Person,
        verbose_name=_("deputy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deputy_for",
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["person__family_name", "person__given_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_end_after_start",
            ),
            models.UniqueConstraint(
                fields=["person", "network"],
                condition=Q(end_date__isnull=True),
                name="membership_one_open_per_network",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.network})"

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return self.start_date <= today and (self.end_date is None or self.end_date >= today)


class Body(TimeStampedModel):
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="bodies"
    )
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("web address"))
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    description = models.TextField(_("description"), blank=True)
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bodies",
        help_text=_("For a local cooperation body: the municipality it works in."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("advises / reports to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["network", "slug"], name="body_slug_unique_in_network"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("networks:body", kwargs={"slug": self.network.slug, "body": self.slug})


class BodyMembership(TimeStampedModel):
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="body_memberships"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="body_memberships"
    )
    role = models.CharField(
        _("role in the body"), max_length=20, choices=BodyRole.choices, default=BodyRole.MEMBER
    )
    start_date = models.DateField(_("from"), default=timezone.localdate)
    end_date = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("body membership")
        verbose_name_plural = _("body memberships")
        ordering = ["person__family_name", "person__given_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="body_membership_end_after_start",
            ),
            models.UniqueConstraint(
                fields=["body", "person"],
                condition=Q(end_date__isnull=True),
                name="body_membership_one_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.body})"


def open_invitation_q() -> Q:
    """Invitations that can still be accepted (not accepted, withdrawn or expired)."""
    return Q(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(TimeStampedModel):
    """An e-mailed link to join a network. Only the SHA-256 of the token is stored."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    given_name = models.CharField(_("given name"), max_length=100)
    infix = models.CharField(_("infix"), max_length=30, blank=True)
    family_name = models.CharField(_("family name"), max_length=100)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    start_date = models.DateField(_("from"), default=timezone.localdate)
    bodies = models.ManyToManyField(Body, verbose_name=_("bodies"), blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires at"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations"
    )
    # A login for someone who already takes part (``person`` is set when it is sent): accepting
    # creates the login and links it to the person; the membership and seats stay as they are.
    login_only = models.BooleanField(_("login for a current member"), default=False)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.network}"

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.infix, self.family_name) if p)

    @property
    def state(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "open"
