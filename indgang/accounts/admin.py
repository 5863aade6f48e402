"""Danish admin for staff and roles.

Roles are the groups that `core.permissions.ROLE_PERMISSIONS` defines; the admin
shows them by their Danish names. Permissions are given through roles only, so
the per-user permission list is not offered. API tokens for integrators are
created under "Auth Token" › "Tokens" (rest_framework.authtoken's admin).
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from indgang.core.permissions import Role, role_label

from .models import User


class RoleListFilter(admin.SimpleListFilter):
    title = _("rolle")
    parameter_name = "rolle"

    def lookups(self, request, model_admin):
        return Role.choices

    def queryset(self, request, queryset):
        if self.value() in Role.values:
            return queryset.filter(groups__name=self.value())
        return queryset


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = (
        "username",
        "first_name",
        "last_name",
        "department",
        "role_names",
        "is_staff",
        "is_active",
        "last_login",
    )
    list_filter = (RoleListFilter, "department", "is_staff", "is_active", "is_superuser")
    list_select_related = ("department",)
    search_fields = ("username", "first_name", "last_name", "email", "phone")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personlige oplysninger"), {"fields": ("first_name", "last_name", "email", "phone")}),
        (_("Arbejde"), {"fields": ("department", "groups")}),
        (
            _("Adgang"),
            {
                "fields": ("is_active", "is_staff", "is_superuser"),
                "description": _(
                    "Medarbejderstatus giver adgang til administrationen. "
                    "Hvad man må, afgøres af rollerne."
                ),
            },
        ),
        (_("Vigtige datoer"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "usable_password", "password1", "password2"),
            },
        ),
        (
            _("Medarbejder"),
            {"fields": ("first_name", "last_name", "email", "phone", "department", "groups")},
        ),
    )
    readonly_fields = ("last_login", "date_joined")
    filter_horizontal = ("groups",)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("roller"))
    def role_names(self, obj: User) -> str:
        return ", ".join(sorted(role_label(group.name) for group in obj.groups.all()))

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            # Only a superuser can make a superuser.
            fields.append("is_superuser")
        return fields

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "groups" and formfield is not None:
            formfield.label = _("roller")
            formfield.help_text = _("Rollerne bestemmer, hvad medarbejderen har adgang til.")
            formfield.label_from_instance = lambda group: role_label(group.name)
        return formfield


admin.site.unregister(Group)


@admin.register(Group)
class RoleGroupAdmin(DjangoGroupAdmin):
    """Groups are roles; their permissions come from ROLE_PERMISSIONS after every migrate."""

    list_display = ("role_name", "name")

    @admin.display(description=_("rolle"), ordering="name")
    def role_name(self, obj: Group) -> str:
        return role_label(obj.name)
