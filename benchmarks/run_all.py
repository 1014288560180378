"""Run every benchmark once on this machine and print one table of what was measured.

    .venv/bin/python benchmarks/run_all.py      (or: make benchmark)

Needs PostgreSQL on 127.0.0.1:5432 (user postgres), Redis on 127.0.0.1:6379 and Debian's
Varnish (`apt-get install varnish`). Uses its own database, `haven_cache_bench`. Every
request stays on 127.0.0.1; every loop is bounded. Numbers depend on the machine and on
what else it is doing: run it on an idle machine, and compare ratios, not absolutes.
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402

DATABASE_URL = "postgres://postgres@127.0.0.1:5432/haven_cache_bench"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip", action="append", default=[], help="cache, signing or lookup")
    args = parser.parse_args()
    lines = [f"Machine: {harness.machine()}, load average {os.getloadavg()[0]:.1f}"]
    env = dict(os.environ, DATABASE_URL=DATABASE_URL, PYTHONUNBUFFERED="1")
    for name, command in (
        ("cache", ["cache_benchmark.py"]),
        ("signing", ["signing_benchmark.py", "--reuse"]),
        ("lookup", ["lookup_benchmark.py", "--import", "-n", "3000"]),
    ):
        if name in args.skip:
            continue
        harness.say(f"\n== {name} ==")
        result = subprocess.run(  # noqa: S603 - our own scripts
            [harness.PYTHON, str(Path(__file__).parent / command[0]), *command[1:]],
            cwd=harness.ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        output = result.stdout + (result.stderr if result.returncode else "")
        harness.say(output)
        lines += [f"[{name}] {line}" for line in result.stdout.splitlines()[-8:] if line.strip()]
    harness.say("\n== summary ==")
    for line in lines:
        harness.say(line)


if __name__ == "__main__":
    main()
