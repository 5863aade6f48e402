from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A municipal employee. Roles are groups (see core.permissions.Role);
    back-office caseworkers belong to a department."""

    department = models.ForeignKey(
        "catalogue.Department",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("afdeling"),
    )
    phone = models.CharField(_("telefon"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("medarbejder")
        verbose_name_plural = _("medarbejdere")
        ordering = ["first_name", "last_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username
