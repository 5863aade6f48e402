from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "indgang.accounts"
    verbose_name = _("Medarbejdere")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import signals  # noqa: F401 - connects login/logout auditing
        from .services import roles_sync

        def _sync(sender, apps=None, **kwargs):
            # After the last app, when every app's permissions exist.
            from django.apps import apps as global_apps

            with_models = [a for a in global_apps.get_app_configs() if a.models_module]
            if sender.name == with_models[-1].name:
                roles_sync()

        post_migrate.connect(_sync, dispatch_uid="indgang.accounts.roles_sync", weak=False)
