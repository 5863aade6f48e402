#!/usr/bin/env python
"""Run every benchmark in this folder: `make bench`.

Each benchmark prints its figures and a ratio against a baseline measured in
the same run, so numbers from different machines can be compared. Record
results in docs/performance.md.
"""

import importlib
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCHMARKS = [
    "bench_opening_hours",
    "bench_start_page",
    "bench_availability",
    "bench_report",
    "bench_import",
    "bench_search",
    "bench_staffing",
    "bench_chat",
]


def main() -> int:
    workdir = tempfile.mkdtemp(prefix="indgang-bench-")
    # A throw-away SQLite database unless DATABASE_URL points elsewhere.
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    names = sys.argv[1:] or BENCHMARKS
    for name in names:
        module = importlib.import_module(f"benchmarks.{name}")
        print(f"\n## {name}: {module.__doc__.strip().splitlines()[0]}")
        module.run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
