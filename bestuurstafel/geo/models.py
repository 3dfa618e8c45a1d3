from django.db import models
from django.utils.translation import gettext_lazy as _


class MunicipalityManager(models.Manager["Municipality"]):
    def get_by_natural_key(self, code: str) -> "Municipality":
        return self.get(code=code)


class Municipality(models.Model):
    """A Dutch municipality (gemeente) as CBS publishes it, with its boundary when imported."""

    code = models.CharField(_("CBS code"), max_length=6, unique=True, help_text="GMxxxx")
    name = models.CharField(_("name"), max_length=100)
    province_code = models.CharField(_("province code"), max_length=4, blank=True)
    province_name = models.CharField(_("province"), max_length=50, blank=True)
    label_lon = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    label_lat = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    # GeoJSON geometry (Polygon or MultiPolygon, WGS84) read from a boundary file; never shipped.
    boundary = models.JSONField(_("boundary"), null=True, blank=True)
    boundary_source = models.CharField(_("boundary source"), max_length=200, blank=True)
    # services.boundary_hash(boundary), set by every write of the boundary ("" without one): the
    # monitor's map cache key, so that a new boundary under the same file name changes the key.
    boundary_hash = models.CharField(
        _("boundary fingerprint"), max_length=40, blank=True, editable=False
    )

    objects = MunicipalityManager()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^GM[0-9]{4}$"), name="municipality_code_format"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class Region(models.Model):
    """A named set of municipalities with a kind and a validity period.

    Regions overlap and differ per purpose (an IZA cooperation region, a care office region, a
    sub-region), so they are data, never hard-coded.
    """

    class Kind(models.TextChoices):
        IZA = "iza", _("IZA cooperation region")
        CARE_OFFICE = "care_office", _("Care office region")
        SUBREGION = "subregion", _("Sub-region")
        ROAZ = "roaz", _("ROAZ region")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("municipalities"), related_name="regions", blank=True
    )
    lead_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("lead municipality (mandate)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Revision(models.Model):
    """When the geography (municipalities' names, label points, boundaries) last changed: one row
    at most, written by every import (``services``); none until the first. Readers that show the
    geography (the monitor's version, behind its ETag and Last-Modified) take it into account."""

    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("geography revision")
        verbose_name_plural = _("geography revisions")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="geo_revision_single_row")
        ]

    def __str__(self) -> str:
        return self.changed_at.isoformat()
