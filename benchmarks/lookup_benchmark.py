"""Time the ZIP lookup on the full national data: p50/p95/p99 over random real ZIPs.

    .venv/bin/python benchmarks/lookup_benchmark.py [--import] [-n 5000] [--seed 1]

Uses the configured database (DATABASE_URL, SQLite by default). `--import` loads the
public files from HAVEN_DATA_DIR first (idempotent). Each sample runs the lookup a reader
triggers: the plain ZIP, and for a shared ZIP the follow-up with the state and district
chosen; the officials' offices are fetched too, as the page shows them. A benchmark, not a
test: numbers depend on the machine.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")


def percentile(sorted_values, share):
    index = min(len(sorted_values) - 1, round(share * (len(sorted_values) - 1)))
    return sorted_values[index]


def main():
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from officials.importers import import_officials, import_zip_districts
    from officials.lookup import lookup_zip
    from officials.models import ZipDistrict

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--import", dest="do_import", action="store_true")
    parser.add_argument("-n", type=int, default=5000, help="number of lookups")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    data = Path(settings.HAVEN_DATA_DIR)
    if args.do_import:
        import_officials(data / "legislators-current.json")
        import_zip_districts(data / "zccd.csv")
    rows = list(ZipDistrict.objects.values_list("zip_code", "state", "district"))
    if len(rows) < 1000:
        sys.exit("Load the national data first (add --import).")
    rng = random.Random(args.seed)  # noqa: S311 - sampling, not secrets
    sample = [rng.choice(rows) for _ in range(args.n)]

    for zip_code, _, _ in sample[:50]:  # warm connections and caches
        lookup_zip(zip_code)

    wall, cpu, statuses = [], [], {}
    for zip_code, state, district in sample:
        start, start_cpu = time.perf_counter(), time.process_time()
        result = lookup_zip(zip_code)
        if result.status != "ok":
            result = lookup_zip(zip_code, state, district)
        for official in result.officials:
            list(official.offices.all())
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        statuses[result.status] = statuses.get(result.status, 0) + 1

    print(
        f"{connection.vendor}: {len(wall)} lookups over {len(rows)} ZIP rows "
        f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs); "
        f"final statuses {statuses}"
    )
    # Wall time includes the database server and the scheduler on a busy machine; this
    # process's CPU time is the lookup's own cost.
    for label, values in (("wall", wall), ("cpu ", cpu)):
        values.sort()
        print(
            f"  {label}: p50 {percentile(values, 0.50):.2f} ms, "
            f"p95 {percentile(values, 0.95):.2f} ms, p99 {percentile(values, 0.99):.2f} ms, "
            f"max {values[-1]:.2f} ms, mean {statistics.fmean(values):.2f} ms"
        )


if __name__ == "__main__":
    main()
