from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):  # history is appended, never edited
        raise TypeError("Audit events cannot be changed")


class AuditEvent(models.Model):
    """Who did what to which record, and when. Append-only."""

    at = models.DateTimeField(_("tidspunkt"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("medarbejder"),
    )
    # Kept when the user is later deleted, so the trail still says who it was.
    actor_username = models.CharField(_("brugernavn"), max_length=150, blank=True)
    action = models.CharField(_("handling"), max_length=100, db_index=True)
    target_type = models.ForeignKey(
        ContentType, models.PROTECT, null=True, blank=True, verbose_name=_("posttype")
    )
    target_id = models.CharField(_("post-id"), max_length=64, blank=True)
    target_repr = models.CharField(_("post"), max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(_("IP-adresse"), null=True, blank=True)
    extra = models.JSONField(_("detaljer"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("revisionshændelse")
        verbose_name_plural = _("revisionshændelser")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target_idx")]

    def __str__(self) -> str:
        who = self.actor_username or "-"
        return f"{self.at:%Y-%m-%d %H:%M:%S} {who} {self.action} {self.target_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("Audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Audit events cannot be deleted one by one; the retention job prunes them")
