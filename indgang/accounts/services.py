"""Writes for staff accounts and roles."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from indgang.core.permissions import ADMIN_ROLES, ROLE_PERMISSIONS, Role

from .models import User


def _permissions(codes: list[str]) -> list[Permission]:
    wanted = {tuple(code.split(".", 1)) for code in codes}
    found = [
        p
        for p in Permission.objects.select_related("content_type")
        if (p.content_type.app_label, p.codename) in wanted
    ]
    return found


@transaction.atomic
def roles_sync() -> list[Group]:
    """Create or update one group per role with exactly its permissions.

    Runs after every migrate; safe to run any number of times.
    """
    groups = []
    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.value)
        group.permissions.set(_permissions(ROLE_PERMISSIONS.get(role, [])))
        groups.append(group)
    return groups


@transaction.atomic
def staff_user_upsert(
    *,
    username: str,
    first_name: str,
    last_name: str,
    email: str = "",
    roles: list[str],
    department=None,
    password: str | None = None,
) -> tuple[User, bool]:
    """Create or update a staff user with exactly `roles`. Returns (user, created).

    A password is set only when the user is created (or given explicitly on a
    user without a usable password), so running this again never resets one.
    """
    user, created = User.objects.get_or_create(username=username)
    user.first_name = first_name
    user.last_name = last_name
    user.email = email
    user.department = department
    user.is_staff = bool(set(roles) & {r.value for r in ADMIN_ROLES})
    if password and (created or not user.has_usable_password()):
        user.set_password(password)
    elif created:
        user.set_unusable_password()
    user.save()
    user.groups.set(Group.objects.filter(name__in=roles))
    return user, created
