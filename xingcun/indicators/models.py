"""Snapshots: the values of a period frozen by district staff, so that a report issued once keeps
its figures while the records behind them go on changing."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xingcun.core.fields import Ref
from xingcun.core.models import AreaScoped


class Snapshot(AreaScoped):
    """The frozen values of one period for `area` and every node below it. A newer snapshot of the
    same node and period supersedes the older one, which is kept (withdrawn) for the record."""

    period = models.CharField(_("期间"), max_length=7)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("冻结人"),
    )
    frozen_at = models.DateTimeField(_("冻结时间"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    withdrawn_by = Ref(settings.AUTH_USER_MODEL, _("撤销人"), on_delete=models.SET_NULL, null=True)
    withdrawn_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("指标快照")
        ordering = ["-frozen_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "period"],
                condition=Q(withdrawn_at__isnull=True),
                name="snapshot_one_active_per_area_period",
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(name)s %(period)s 快照") % {
            "name": self.area.display_name,
            "period": self.period,
        }

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class SnapshotValue(AreaScoped):
    """One frozen value: `area` is the node it belongs to, so it is scoped like the node.

    The raw components are stored (the value in its source unit, or numerator and denominator) and
    the displayed value is recomputed from them exactly as a live one is."""

    snapshot = Ref(Snapshot, _("快照"), on_delete=models.CASCADE, related_name="values")
    period = models.CharField(_("期间"), max_length=7)
    indicator = models.CharField(_("指标代码"), max_length=64)
    raw = models.DecimalField(
        _("值（计量单位）"), max_digits=28, decimal_places=4, null=True, blank=True
    )
    numerator = models.DecimalField(
        _("分子"), max_digits=28, decimal_places=4, null=True, blank=True
    )
    denominator = models.DecimalField(
        _("分母"), max_digits=28, decimal_places=4, null=True, blank=True
    )

    class Meta:
        verbose_name = _("快照指标值")
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "indicator", "area"], name="snapshot_value_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["period", "indicator"], name="snapshot_value_lookup_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period} {self.area_id}"
