"""Writes to the catalogue that are more than a form save."""

from django.db import transaction
from django.db.models import QuerySet

from .models import Service


@transaction.atomic
def service_archive(*, services: QuerySet[Service], archived: bool = True) -> int:
    """Archive (or restore) services. Archived services leave the citizen pages
    and the API but keep their history. Returns the number changed."""
    return services.exclude(is_archived=archived).update(is_archived=archived)
