"""Anonymous pages through Varnish against the same pages straight from gunicorn.

    .venv/bin/python benchmarks/cache_benchmark.py [--requests 3000] [--clients 8]

Builds the bilingual demo on PostgreSQL (its own database, `haven_cache_bench` by default) with
Redis, serves it with gunicorn under production settings (2 workers per core) and puts
Varnish (deploy/varnish/haven.vcl) in front, then fetches a story and an urgent action in
both languages both ways, with the same clients. Prints requests/s and the ratio measured
in this one run. Loopback only; bounded in requests and time.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402


def demo_paths(env):
    """A story and an urgent action of the demo, in English and Spanish."""
    import json
    import subprocess

    script = (
        "import json;from wagtail.models import Page;"
        "out=[];"
        "from stories.models import CaseStoryPage;from actions.models import UrgentActionPage;"
        "[out.append(p.url) for m in (CaseStoryPage, UrgentActionPage) "
        "for p in [m.objects.live().filter(locale__language_code=c).first() for c in ('en','es')] "
        "if p];print(json.dumps(out))"
    )
    result = subprocess.run(  # noqa: S603
        [harness.PYTHON, "manage.py", "shell", "-c", script],
        cwd=harness.ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def run(args):
    env = harness.production_env(args.database_url, args.redis_url)
    harness.say("Preparing the demo site on", args.database_url.rsplit("/", 1)[-1], "…")
    if not args.reuse:
        harness.ensure_database(args.database_url)
        harness.manage(env, "migrate", "--noinput", "--verbosity", "0")
        harness.manage(env, "load_demo")
    harness.manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    paths = demo_paths(env)
    app_port, cache_port = args.app_port or harness.free_port(), args.cache_port
    cache_port = cache_port or harness.free_port()
    rows = []
    with harness.gunicorn(env, app_port) as app, harness.varnish(app_port, cache_port) as cache:
        for url in (app, cache):
            for path in paths:  # warm: renditions, Varnish's first fetch
                harness.get(url + path)
        for path in paths:
            direct = harness.load(
                app_port,
                harness.GetRequest(path),
                args.uncached_requests,
                processes=args.clients,
                seconds=120,
            )
            cached = harness.load(
                cache_port,
                harness.GetRequest(path),
                args.requests,
                processes=args.clients,
                seconds=120,
            )
            rows.append((path, direct, cached))
    harness.say()
    harness.say(f"Machine: {harness.machine()}; {args.clients} concurrent clients")
    harness.say(f"{'page':45} {'gunicorn req/s':>15} {'Varnish req/s':>14} {'ratio':>7}")
    ratios = []
    for path, direct, cached in rows:
        ratio = cached["per_second"] / direct["per_second"] if direct["per_second"] else 0
        ratios.append(ratio)
        harness.say(
            f"{path[:45]:45} {direct['per_second']:15.1f} {cached['per_second']:14.1f} "
            f"{ratio:6.0f}×"
            + ("" if not (direct["failures"] or cached["failures"]) else "  (failures!)")
        )
    worst = min(ratios)
    harness.say(f"Cached vs uncached, worst page: {worst:.0f}× (target ≥ 50×)")
    return worst


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/haven_cache_bench"
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13")
    parser.add_argument(
        "--reuse", action="store_true", help="skip migrate and load_demo (already done)"
    )
    parser.add_argument("--requests", type=int, default=6000, help="through Varnish, per page")
    parser.add_argument("--uncached-requests", type=int, default=300, help="per page")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--app-port", type=int, default=0)
    parser.add_argument("--cache-port", type=int, default=0)
    run(parser.parse_args())


if __name__ == "__main__":
    main()
