"""Writes of the reports app: the KPI targets managers set."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from indgang.audit.services import audit_record
from indgang.core import clock
from indgang.core.permissions import require_perm

from .models import KpiTargets
from .selectors import KPI_KEYS, kpi_targets_get

__all__ = ["kpi_targets_get", "kpi_targets_update"]


@transaction.atomic
def kpi_targets_update(*, by, **targets: Decimal) -> KpiTargets:
    """Set some or all of the five targets (percent, 0–100); audited."""
    require_perm(by, "reports.change_kpitargets")
    unknown = set(targets) - set(KPI_KEYS)
    if unknown:
        raise TypeError(f"unknown KPI targets: {sorted(unknown)}")
    kpi_targets_get()
    current = KpiTargets.objects.select_for_update().get(pk=1)
    changed = {}
    for key, value in targets.items():
        value = Decimal(str(value))
        if getattr(current, key) != value:
            changed[key] = str(value)
            setattr(current, key, value)
    current.full_clean()
    if changed:
        current.updated_at = clock.now()
        current.save()
        audit_record(actor=by, action="reports.kpi_targets_update", target=current, extra=changed)
    return current
