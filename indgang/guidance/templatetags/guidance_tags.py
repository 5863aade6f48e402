"""Template filters for the guidance pages."""

from django import template

from indgang.core.phone import phone_display

register = template.Library()


@register.filter
def phone(value: str) -> str:
    """ "+4512345678" → "12 34 56 78"."""
    return phone_display(value) if value else ""


@register.filter
def message_kind(kind: str) -> str:
    from indgang.guidance.selectors import message_kind_label

    return message_kind_label(kind)
