"""Lighthouse SEO and best-practices scores of the home, a story and an action, in English
and Spanish, against a running Haven (the demo content). Fails below 100.

    python benchmarks/lighthouse.py http://127.0.0.1:8400

Lighthouse comes from tests/tooling (`npm ci --prefix tests/tooling`) and drives Debian's
Chromium (CHROME_PATH, default /usr/bin/chromium). It is slow (about 30 s a page), so it
is a script rather than part of the test suite; .ci/run runs it against the demo.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LIGHTHOUSE = REPO / "tests" / "tooling" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("seo", "best-practices")


def pages(base):
    """Home, the first story and the first action linked from each language's home page."""
    found = []
    for lang in ("en", "es"):
        home = f"{base}/{lang}/"
        html = urllib.request.urlopen(home, timeout=60).read().decode()  # noqa: S310
        found.append(home)
        for kind in (r"/(?:cases|casos)/[^/\"]+/", r"/(?:actions|acciones)/[^/\"]+/"):
            match = re.search(rf'href="(/{lang}{kind})"', html)
            if match:
                found.append(base + match.group(1))
    return found


def audit(url, chrome):
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(  # noqa: S603 - fixed argv
            [
                str(LIGHTHOUSE),
                url,
                f"--only-categories={','.join(CATEGORIES)}",
                "--chrome-flags=--headless --no-sandbox",
                "--output=json",
                f"--output-path={out.name}",
                "--quiet",
            ],
            check=True,
            env={**os.environ, "CHROME_PATH": chrome},
        )
        report = json.load(open(out.name))
    scores, failures = {}, []
    for key in CATEGORIES:
        category = report["categories"][key]
        scores[key] = round(100 * (category["score"] or 0))
        for ref in category["auditRefs"]:
            result = report["audits"][ref["id"]]
            if ref["weight"] and result["score"] is not None and result["score"] < 1:
                failures.append(f"{key}: {ref['id']} — {result['title']}")
    return scores, failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url", help="where Haven is served, e.g. http://127.0.0.1:8400")
    parser.add_argument("--chrome", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    args = parser.parse_args()
    base = args.base_url.rstrip("/")
    ok = True
    for url in pages(base):
        scores, failures = audit(url, args.chrome)
        line = "  ".join(f"{k} {v}" for k, v in scores.items())
        print(f"{line}  {url[len(base) :]}")
        for failure in failures:
            print(f"    {failure}")
        ok = ok and all(v == 100 for v in scores.values())
    if not ok:
        print("Lighthouse: below 100 on some page", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
