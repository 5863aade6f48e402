"""Rules about the code itself, from CONVENTIONS.md."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "indgang"

# Which apps each app may import from (imports point down the stack).
# Add an app here in the commit that creates it.
ALLOWED_IMPORTS: dict[str, set[str]] = {
    "core": set(),
    "audit": {"core"},
    "catalogue": {"core", "audit"},
    "accounts": {"core", "audit", "catalogue"},
    "notifications": {"core", "audit"},
    "booking": {"core", "audit", "catalogue", "notifications", "accounts"},
    "frontdesk": {"core", "audit", "catalogue", "accounts", "notifications", "booking"},
    "contacts": {"core", "audit", "catalogue", "accounts", "booking"},
    "knowledge": {"core", "audit", "catalogue", "accounts"},
    "contactcentre": {
        "core",
        "audit",
        "catalogue",
        "accounts",
        "notifications",
        "booking",
        "contacts",
        "knowledge",
    },
    "chat": {
        "core",
        "audit",
        "catalogue",
        "accounts",
        "notifications",
        "booking",
        "contacts",
        "knowledge",
        "contactcentre",
    },
    "digitalmail": {
        "core",
        "audit",
        "catalogue",
        "accounts",
        "notifications",
        "contacts",
        "knowledge",
        "contactcentre",
    },
    "reports": {
        "core",
        "audit",
        "catalogue",
        "accounts",
        "booking",
        "frontdesk",
        "contacts",
        "contactcentre",
        "chat",
        "digitalmail",
    },
    "planning": {
        "core",
        "audit",
        "catalogue",
        "accounts",
        "booking",
        "frontdesk",
        "contacts",
        "reports",
    },
    "guides": {"core", "audit", "catalogue", "accounts", "notifications", "booking"},
    "guidance": {
        "core",
        "audit",
        "catalogue",
        "accounts",
        "notifications",
        "booking",
        "contacts",
        "contactcentre",
        "guides",
    },
    "demo": {
        "core",
        "audit",
        "catalogue",
        "accounts",
        "notifications",
        "booking",
        "frontdesk",
        "contacts",
        "knowledge",
        "contactcentre",
        "reports",
        "planning",
        "chat",
        "digitalmail",
        "guides",
        "guidance",
    },
}


def python_files(app: str | None = None):
    base = PACKAGE / app if app else PACKAGE
    return [p for p in base.rglob("*.py") if "migrations" not in p.parts]


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "indgang" and len(parts) > 1:
                found.add(parts[1])
    return found


def test_every_app_is_in_the_import_map():
    apps = {p.name for p in PACKAGE.iterdir() if (p / "apps.py").exists()}
    assert apps == set(ALLOWED_IMPORTS), (
        "add new apps to ALLOWED_IMPORTS (and docs/architecture.md)"
    )


@pytest.mark.parametrize("app", sorted(ALLOWED_IMPORTS))
def test_imports_point_down(app):
    wrong = {}
    for path in python_files(app):
        bad = imported_apps(path) - ALLOWED_IMPORTS[app] - {app}
        if bad:
            wrong[str(path.relative_to(ROOT))] = sorted(bad)
    assert not wrong, f"{app} imports apps above it: {wrong}"


def test_time_comes_from_the_clock():
    offenders = [
        str(p.relative_to(ROOT))
        for p in python_files()
        if "timezone.now()" in p.read_text(encoding="utf-8") and p.name != "clock.py"
    ]
    assert not offenders, f"use indgang.core.clock.now(), not timezone.now(): {offenders}"


CPR_READER = "citizen_cpr_get"


def test_cpr_is_read_only_through_its_one_selector():
    """A `.cpr` attribute access anywhere but inside `citizen_cpr_get` fails."""
    offenders = []
    for path in python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        allowed_lines: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name == CPR_READER:
                allowed_lines |= set(range(node.lineno, (node.end_lineno or node.lineno) + 1))
        for node in ast.walk(tree):
            is_cpr = isinstance(node, ast.Attribute) and node.attr == "cpr"
            if is_cpr and node.lineno not in allowed_lines:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, offenders


def test_templates_never_load_assets_from_other_hosts():
    # Links (<a href>) to other sites are fine; assets loaded by the page are not.
    pattern = re.compile(
        r"""<(script|link|img|iframe|source)\b[^>]*\b(src|href)=["'](https?:)?//"""
    )
    offenders = [
        str(p.relative_to(ROOT))
        for p in list((ROOT / "templates").rglob("*.html")) + list(PACKAGE.rglob("*.html"))
        if pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert not offenders, f"nothing may be fetched from the internet at run time: {offenders}"
