from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEvent


def audit_events_for(*, target: models.Model):
    """Every audit event about one record, newest first."""
    return AuditEvent.objects.filter(
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        target_id=str(target.pk),
    ).select_related("actor")
