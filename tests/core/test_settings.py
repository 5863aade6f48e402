"""The production profile: `check --deploy` is clean, and unsafe settings are refused.

Each case runs manage.py in a fresh interpreter, as an operator would, because
settings are read once per process.
"""

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


_PASSED_THROUGH = {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV", "SYSTEMROOT"}


def _secret_key() -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(60))


def _manage(tmp_path, *args: str, **env: str) -> subprocess.CompletedProcess:
    # Only what an operator's shell would carry: nothing from the test run
    # (test settings and the browser harness set variables of their own).
    environment = {k: v for k, v in os.environ.items() if k in _PASSED_THROUGH}
    environment |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": _secret_key(),
        "ALLOWED_HOSTS": "indgang.example.dk",
        # check --deploy does not connect; SQLite keeps the test free of PostgreSQL.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy-check.sqlite3'}",
    }
    environment |= env
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_check_deploy_reports_no_issues(tmp_path):
    result = _manage(tmp_path, "check", "--deploy")

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output
    assert "WARNINGS" not in output


def test_production_check_deploy_is_clean_with_a_postgres_url(tmp_path):
    result = _manage(
        tmp_path, "check", "--deploy", DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres"
    )

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output


@pytest.mark.parametrize(
    "secret_key",
    [
        "django-insecure-indgang-development-key-do-not-use-in-production",
        "too-short",
    ],
)
def test_production_refuses_development_or_short_secret_key(tmp_path, secret_key):
    result = _manage(tmp_path, "check", SECRET_KEY=secret_key)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_missing_secret_key(tmp_path):
    result = _manage(tmp_path, "check", SECRET_KEY="")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_production_refuses_debug(tmp_path):
    result = _manage(tmp_path, "check", DEBUG="1")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DEBUG must be off" in result.stderr
