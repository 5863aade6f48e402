"""Template helpers for pages outside booking that link to it."""

from django import template

from indgang.core.permissions import has_role

register = template.Library()


@register.filter
def books_for_citizens(user) -> bool:
    """Whether `user` may use staff booking (the roles of booking.views.STAFF_ROLES)."""
    from indgang.booking.views import STAFF_ROLES

    return has_role(user, *STAFF_ROLES)
