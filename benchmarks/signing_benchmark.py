"""Signatures accepted per second, with p50/p99 latency, on PostgreSQL with Redis.

    .venv/bin/python benchmarks/signing_benchmark.py [--signatures 2000] [--clients 32]

Serves the demo (see cache_benchmark.py, which it shares a database with) with gunicorn
under production settings, 2 workers per core, and sends signatures from `--clients`
concurrent client processes on 127.0.0.1: each a different person (own e-mail address,
own X-Forwarded-For from the loopback range, the site trusting one proxy hop), each
with a form token as the page's script fetches it. A signature is accepted when it gets
the 303 to the thank-you step; the rows in the database are counted afterwards.
Bounded in requests and time.
"""

import argparse
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402


class SignRequests:
    """The n-th signature of one client process (picklable)."""

    def __init__(self, path, origin, tokens, offset):
        self.path, self.origin, self.tokens, self.offset = path, origin, tokens, offset

    def __call__(self, n):
        person = self.offset + n
        body = urlencode(
            {
                "sign-first_name": "Bench",
                "sign-last_name": f"Signer {person}",
                "sign-email": f"bench.signer.{person}@example.org",
                "sign-zip_code": "20001",
                "sign-started": self.tokens[n % len(self.tokens)],
                "sign-website": "",
            }
        )
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": self.origin,
            "X-Forwarded-For": f"127.{person // 65536 % 256}.{person // 256 % 256}.{person % 256}",
        }
        return "POST", self.path + "sign/", body, headers


def run(args):
    env = harness.production_env(args.database_url, args.redis_url, ACTIONS_TRUSTED_PROXY_COUNT="1")
    if not args.reuse:
        harness.ensure_database(args.database_url)
        harness.manage(env, "migrate", "--noinput", "--verbosity", "0")
        harness.manage(env, "load_demo")
    os.environ.update(env)
    import django

    django.setup()
    from actions.formtoken import issue
    from actions.models import ActionResponse, UrgentActionPage

    action = next(
        page
        for page in UrgentActionPage.objects.live().filter(locale__language_code="en")
        if page.is_open and page.block_of_kind("sign")
    )
    path = action.url
    before = ActionResponse.objects.filter(action_key=action.translation_key).count()
    port = args.app_port or harness.free_port()
    origin = f"http://{harness.LOOPBACK}:{port}"
    share = args.signatures // args.clients
    run_id = int(time.time()) * 100_000  # new people on every run
    makers = [
        SignRequests(path, origin, [issue("js") for _ in range(share)], run_id + i * share)
        for i in range(args.clients)
    ]
    from django.conf import settings

    time.sleep(settings.ACTIONS_MIN_FILL_SECONDS + 1)  # tokens as old as a human's form
    with harness.gunicorn(env, port):
        harness.get(origin + path)  # warm
        result = harness.load(
            port, makers, share * args.clients, processes=args.clients, seconds=180, expect={303}
        )
    stored = ActionResponse.objects.filter(action_key=action.translation_key).count() - before
    harness.say()
    harness.say(f"Machine: {harness.machine()}; gunicorn {2 * (os.cpu_count() or 1)} workers")
    harness.say(
        f"Signing on PostgreSQL + Redis, {args.clients} clients: "
        f"{result['per_second']:.0f} accepted/s, p50 {result['p50']:.0f} ms, "
        f"p99 {result['p99']:.0f} ms; {result['requests']} sent, "
        f"{result['failures']} not accepted, {stored} new rows "
        "(targets: ≥ 200/s, p99 ≤ 300 ms)"
    )
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/haven_cache_bench"
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13")
    parser.add_argument(
        "--reuse", action="store_true", help="skip migrate and load_demo (already done)"
    )
    parser.add_argument("--signatures", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--app-port", type=int, default=0)
    run(parser.parse_args())


if __name__ == "__main__":
    main()
