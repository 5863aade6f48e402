"""Audit staff logins, logouts and failed logins."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from indgang.audit.services import audit_record


@receiver(user_logged_in, dispatch_uid="indgang.audit.login")
def _logged_in(sender, request, user, **kwargs):
    audit_record(actor=user, action="auth.login", target=user, request=request)


@receiver(user_logged_out, dispatch_uid="indgang.audit.logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(actor=user, action="auth.logout", target=user, request=request)


@receiver(user_login_failed, dispatch_uid="indgang.audit.login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    audit_record(
        actor=None,
        action="auth.login_failed",
        extra={"username": str(credentials.get("username", ""))[:150]},
        request=request,
    )
