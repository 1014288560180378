"""Shared pieces of the benchmarks: start gunicorn (production settings) and Varnish on
127.0.0.1, and drive them with a bounded, multi-process HTTP load.

Every request goes to 127.0.0.1 only; every loop is bounded by a request count and a time
limit, and every process started here is stopped on exit.
"""

import contextlib
import http.client
import multiprocessing
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
VCL = ROOT / "deploy" / "varnish" / "haven.vcl"
LOOPBACK = "127.0.0.1"


def machine():
    """What the numbers were measured on."""
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = "?"
    with contextlib.suppress(OSError):
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        ram = f"{kb / 1024 / 1024:.0f} GiB"
    return f"{os.cpu_count()} cores ({cpu}), {ram} RAM"


def production_env(database_url, redis_url, **extra):
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": "benchmark-only-" + "x" * 50,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            # Plain HTTP on loopback: no HTTPS redirect or HSTS for the benchmark.
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "HAVEN_ALLOW_DEMO": "1",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "LOG_LEVEL": "WARNING",
        }
    )
    env.update(extra)
    return env


def ensure_database(url):
    """Create the benchmark's own PostgreSQL database when it does not exist yet."""
    import psycopg

    name = url.rsplit("/", 1)[-1]
    server = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')  # noqa: S608 - our own fixed name


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def free_port():
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def wait_for_port(port, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server on port {port} exited early")
        with contextlib.suppress(OSError), socket.create_connection((LOOPBACK, port), timeout=1):
            return
        time.sleep(0.2)
    raise SystemExit(f"nothing listening on {port} after {seconds}s")


@contextlib.contextmanager
def gunicorn(env, port, workers=None):
    workers = workers or 2 * (os.cpu_count() or 1)
    env = dict(env, GUNICORN_BIND=f"{LOOPBACK}:{port}", WEB_CONCURRENCY=str(workers))
    env["GUNICORN_ACCESS_LOG"] = "/dev/null"
    process = subprocess.Popen(  # noqa: S603 - our own server on loopback
        [GUNICORN, "-c", "cms/gunicorn.conf.py", "cms.wsgi"], cwd=ROOT, env=env
    )
    try:
        wait_for_port(port, process)
        yield f"http://{LOOPBACK}:{port}"
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()


@contextlib.contextmanager
def varnish(backend_port, port):
    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    if not Path(varnishd).exists():
        raise SystemExit("varnishd not found: apt-get install varnish")
    with tempfile.TemporaryDirectory(prefix="haven-bench-varnish-") as tmp:
        text = VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";')
        # Measure the cache, not the health probe (its requests would load the app too).
        text = re.sub(r"\.probe = \{.*?\n    \}\n", "", text, flags=re.S)
        vcl = Path(tmp) / "haven.vcl"
        vcl.write_text(text)
        process = subprocess.Popen(  # noqa: S603 - our own cache on loopback
            [
                varnishd,
                "-F",
                "-j",
                "none",
                "-f",
                str(vcl),
                "-a",
                f"{LOOPBACK}:{port}",
                "-n",
                str(Path(tmp) / "n"),
                "-s",
                "malloc,128m",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for_port(port, process)
            yield f"http://{LOOPBACK}:{port}"
        finally:
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()


def get(url, headers=None):
    """One GET on a fresh connection: (status, headers, body)."""
    match = re.match(r"http://([^:/]+):(\d+)(/.*)?$", url)
    host, port, path = match.group(1), int(match.group(2)), match.group(3) or "/"
    assert host in (LOOPBACK, "localhost")
    conn = http.client.HTTPConnection(host, port, timeout=180)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def _worker(args):
    """One client process: `connections` keep-alive connections, round-robin, until its
    share of requests is done or the time limit passes. Returns latencies in ms."""
    port, requests, connections, seconds, make_request, expect = args
    conns = [http.client.HTTPConnection(LOOPBACK, port, timeout=30) for _ in range(connections)]
    latencies, failures = [], 0
    deadline = time.monotonic() + seconds
    for n in range(requests):
        if time.monotonic() > deadline:
            break
        conn = conns[n % connections]
        method, path, body, headers = make_request(n)
        start = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            ok = response.status in expect if expect else response.status < 400
        except (OSError, http.client.HTTPException):
            ok = False
            conn.close()
            conns[n % connections] = http.client.HTTPConnection(LOOPBACK, port, timeout=30)
        latencies.append((time.perf_counter() - start) * 1000)
        failures += not ok
    for conn in conns:
        conn.close()
    return latencies, failures


class GetRequest:
    """The same GET every time (picklable, for the client processes)."""

    def __init__(self, path):
        self.path = path

    def __call__(self, _n):
        return "GET", self.path, None, {}


def load(port, make_request, requests, processes=2, connections=1, seconds=60, expect=None):
    """Send `requests` requests from `processes` client processes (each with `connections`
    sequential keep-alive connections), bounded by `seconds`. Returns a summary."""
    share = max(1, requests // processes)
    makers = make_request if isinstance(make_request, list) else [make_request] * processes
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        results = pool.map(
            _worker, [(port, share, connections, seconds, maker, expect) for maker in makers]
        )
    elapsed = time.perf_counter() - started
    latencies = sorted(x for lats, _ in results for x in lats)
    failures = sum(f for _, f in results)
    return summary(latencies, failures, elapsed)


def summary(latencies, failures, elapsed):
    done = len(latencies)

    def pct(share):
        return latencies[min(done - 1, round(share * (done - 1)))] if done else float("nan")

    return {
        "requests": done,
        "failures": failures,
        "seconds": elapsed,
        "per_second": (done - failures) / elapsed if elapsed else 0.0,
        "p50": pct(0.50),
        "p99": pct(0.99),
        "mean": statistics.fmean(latencies) if latencies else float("nan"),
    }


def say(*parts):
    print(*parts, flush=True)
    sys.stdout.flush()
