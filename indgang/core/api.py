"""Shared API plumbing: one exception handler that maps domain errors to
`{"detail": "..."}` with the error's status code."""

from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import DomainError


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        return Response({"detail": str(exc.message)}, status=exc.status_code)
    return drf_exception_handler(exc, context)
