#!/usr/bin/env python3
"""The HTML report in a real browser: headless Chromium, driven over the
DevTools protocol on a pipe (--remote-debugging-pipe; Python's standard
library only), opens the report of the bundled example estate from file://
and checks what a reader would see:

  - every finding of the run is rendered, and the count shown says so;
  - unchecking a severity, then a rule, hides exactly their findings and the
    count follows;
  - choosing a subnet fills the routes table with its effective routes, as
    `routelint routes -f json` computes them;
  - the topology is drawn, nothing is fetched from the network, and no
    script error or console error occurs;
  - names from templates are text: in an estate whose VNets are named
    `<img src=x onerror=...>` and `<script>...`, no element and no script
    comes from them.

  tests/tools/check-html-report.py path/to/routelint [--screenshot FILE]

Exit 77 (ctest: skipped) when Chromium is not installed, except under
CI=true, where a missing browser fails the test.
"""
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ESTATE = "testdata/examples/two-defects"
SUBNET = "vnet-spoke1-blue/snet-app"
TIMEOUT = 60  # seconds for the whole browser session
# Severities are the rules' own in the example; the configuration lowers
# RL002 to a warning so that both severity filters have something to hide.
CONFIG = '[rules.severity]\nRL002 = "warning"\n'
# Renamings that give two VNets of the example markup for names (without
# '/', which would make them child resource names); spoke2's name is built
# from its parameters.
IMG = "<img src=x onerror=window.pwned=2>"
HOSTILE_RENAMINGS = [
    ("vnet-spoke1-blue", "vnet-spoke1-<script>window.pwned=1;"),
    ("vnet-spoke2-blue", "vnet-spoke2-%s-blue" % IMG),
    ('"defaultValue": "spoke2"', '"defaultValue": "spoke2-%s"' % IMG),
]
HOSTILE_NAMES = ["vnet-spoke1-<script>window.pwned=1;", "vnet-spoke2-%s-blue" % IMG]


class Failure(Exception):
    pass


def find_chromium():
    for name in (os.environ.get("CHROMIUM", ""), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def run_routelint(binary, args, cwd=ROOT):
    return subprocess.run([binary] + args, cwd=cwd, capture_output=True, text=True, timeout=120)


class Browser:
    """Chromium with the DevTools protocol on fds 3 (commands) and 4 (replies
    and events), JSON messages ended by a NUL byte."""

    def __init__(self, chromium, profile):
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def wire_pipes():
            # Move both ends out of the way first: either may already be 3 or 4.
            os.dup2(to_browser_r, 100)
            os.dup2(from_browser_w, 101)
            os.dup2(100, 3)
            os.dup2(101, 4)

        self.log = open(os.path.join(profile, "chromium.log"), "w")
        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             "--user-data-dir=" + os.path.join(profile, "profile"), "--no-first-run", "--no-default-browser-check",
             "--disable-extensions", "--disable-background-networking", "--window-size=1280,1600", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log, pass_fds=(3, 4), preexec_fn=wire_pipes)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.deadline = time.monotonic() + TIMEOUT

    def _receive(self):
        while b"\0" not in self.buffer:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise Failure("Chromium did not answer in %d s" % TIMEOUT)
            ready, _, _ = select.select([self.from_browser], [], [], left)
            if ready:
                chunk = os.read(self.from_browser, 1 << 16)
                if not chunk:
                    raise Failure("Chromium closed the DevTools pipe (see its log)")
                self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise Failure("%s: %s" % (method, reply["error"]))
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for_event(self, method):
        for i, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(i)
        while True:
            event = self._receive()
            if event.get("method") == method:
                return event
            self.events.append(event)

    def close(self):
        try:
            self.send("Browser.close")
        except Failure:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


class Page:
    """One tab, with its console, exceptions and requests recorded."""

    def __init__(self, browser):
        self.browser = browser
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            browser.send(domain + ".enable", session=self.session)

    def open(self, path):
        url = "file://" + path
        self.browser.send("Page.navigate", {"url": url}, session=self.session)
        self.browser.wait_for_event("Page.loadEventFired")
        return url

    def eval(self, expression):
        result = self.browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                                   session=self.session)
        if "exceptionDetails" in result:
            raise Failure("script error evaluating %s: %s" % (expression, result["exceptionDetails"]))
        return result["result"].get("value")

    def screenshot(self, path):
        size = self.eval("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
        shot = self.browser.send("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1}}, session=self.session)
        import base64
        with open(path, "wb") as out:
            out.write(base64.b64decode(shot["data"]))

    def problems(self, url):
        """Console errors, uncaught exceptions, failed loads and requests for
        anything but the page itself, from the events recorded so far."""
        found = []
        for event in self.browser.events:
            if event.get("sessionId") != self.session:
                continue
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                found.append("uncaught: %s (line %s)" % (details.get("exception", {}).get("description", details.get("text")),
                                                         details.get("lineNumber")))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append("console.%s: %s" % (params["type"], json.dumps(params.get("args"))[:400]))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                found.append("log: " + params["entry"].get("text", ""))
            elif method == "Network.requestWillBeSent" and params["request"]["url"] != url:
                found.append("request: " + params["request"]["url"])
            elif method == "Network.loadingFailed":
                found.append("failed load: " + params.get("errorText", ""))
        return found


def expect(condition, message):
    if not condition:
        raise Failure(message)
    print("ok:", message)


def visible_findings(page):
    return page.eval("document.querySelectorAll('article.finding:not([hidden])').length")


def shown_count(page):
    return int(page.eval("document.getElementById('visible-count').textContent"))


def click(page, selector):
    page.eval("document.querySelector(%s).click()" % json.dumps(selector))


def check_findings_and_filters(page, findings):
    total = len(findings)
    expect(total >= 2, "the example estate has findings (%d)" % total)
    rendered = page.eval("document.querySelectorAll('article.finding').length")
    expect(rendered == total, "all %d findings are rendered (found %d)" % (total, rendered))
    expect(shown_count(page) == total and visible_findings(page) == total, "the count says all %d are shown" % total)

    not_warnings = sum(1 for f in findings if f["severity"] != "warning")
    click(page, "input.filter-severity[value=warning]")
    expect(shown_count(page) == not_warnings and visible_findings(page) == not_warnings,
           "unchecking 'warning' leaves %d findings, and the count says %d" % (visible_findings(page), shown_count(page)))
    click(page, "input.filter-severity[value=warning]")
    expect(shown_count(page) == total, "checking it again shows all %d" % total)

    rule = findings[0]["rule"]
    other_rules = sum(1 for f in findings if f["rule"] != rule)
    click(page, "input.filter-rule[value=%s]" % rule)
    expect(shown_count(page) == other_rules and visible_findings(page) == other_rules,
           "unchecking rule %s leaves %d findings (expected %d)" % (rule, visible_findings(page), other_rules))
    click(page, "input.filter-rule[value=%s]" % rule)


def check_routes(page, routes):
    index = page.eval("Array.prototype.findIndex.call(document.getElementById('route-subnet').options, "
                      "function (o) { return o.textContent === %s; })" % json.dumps(SUBNET))
    expect(index > 0, "the subnet list offers %s" % SUBNET)
    expect(page.eval("document.getElementById('route-table').hidden") is True, "no routes are shown before a choice")
    page.eval("var s = document.getElementById('route-subnet'); s.selectedIndex = %d; "
              "s.dispatchEvent(new Event('change', {bubbles: true}))" % index)
    rows = page.eval("Array.prototype.map.call(document.querySelectorAll('#route-table tbody tr'), "
                     "function (r) { return Array.prototype.map.call(r.cells, function (c) { return c.textContent; }); })")
    expect(page.eval("document.getElementById('route-table').hidden") is False, "choosing the subnet shows its table")
    expect(len(rows) == len(routes["value"]), "the table has the %d routes `routes` prints (found %d)"
           % (len(routes["value"]), len(rows)))
    for row, route in zip(rows, routes["value"]):
        wanted = [route["source"], route["state"], route["addressPrefix"], route["nextHopType"]]
        if row[:4] != wanted:
            raise Failure("route row %s differs from `routes`: %s" % (row, wanted))
    expect(True, "each row has the source, state, prefix and next hop type `routes` prints")


def check_hostile_names(page):
    expect(page.eval("window.pwned === undefined"), "no script from a template name ran")
    expect(page.eval("document.querySelectorAll('img').length") == 0, "no element came from a template name")
    expect(page.eval("document.querySelectorAll('script').length") == 2, "the page has its own two scripts only")
    text = page.eval("document.body.textContent")
    for name in HOSTILE_NAMES:
        expect(name in text, "the name %r shows as text" % name)


def write_hostile_estate(work):
    estate = os.path.join(work, "hostile")
    shutil.copytree(os.path.join(ROOT, ESTATE), estate)
    for folder, _, files in os.walk(estate):
        for name in files:
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            for old, new in HOSTILE_RENAMINGS:
                text = text.replace(old, new)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    return estate


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    binary = os.path.abspath(sys.argv[1])
    screenshot = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--screenshot" else None
    chromium = find_chromium()
    if chromium is None:
        if os.environ.get("CI") == "true":
            print("FAIL: Chromium is not installed (CI=true: tests/tools/install-deps.sh installs it)", file=sys.stderr)
            return 1
        print("Chromium is not installed: skipped (apt-get install chromium)")
        return 77
    work = tempfile.mkdtemp(prefix="routelint-html-")
    browser = page = None
    try:
        config = os.path.join(work, "routelint.toml")
        with open(config, "w") as f:
            f.write(CONFIG)
        report = os.path.join(work, "report.html")
        result = run_routelint(binary, ["check", "-c", config, "-f", "json", "--report", "html=" + report, ESTATE])
        expect(result.returncode == 1, "routelint exits 1 on the example's findings (%d)" % result.returncode)
        findings = json.loads(result.stdout)["findings"]
        routes = json.loads(run_routelint(binary, ["routes", "-c", config, "-f", "json", "--subnet", SUBNET, ESTATE]).stdout)

        browser = Browser(chromium, work)
        page = Page(browser)
        url = page.open(report)
        expect(not page.problems(url), "the page loads without console errors")
        check_findings_and_filters(page, findings)
        check_routes(page, routes)
        expect(page.eval("document.querySelectorAll('#topology svg').length") == 1, "the topology is drawn")
        expect(page.eval("document.querySelector('#topology svg').textContent.indexOf('vnet-spoke2-blue') >= 0"),
               "the picture names the VNets")
        if screenshot:
            page.screenshot(screenshot)
        problems = page.problems(url)
        expect(not problems, "no console error, exception or network request: %s" % problems)

        hostile = os.path.join(work, "hostile.html")
        result = run_routelint(binary, ["check", "-c", config, "-f", "html", "-o", hostile, write_hostile_estate(work)])
        expect(result.returncode == 1, "routelint reports on the estate with hostile names (%d)" % result.returncode)
        page = Page(browser)
        hostile_url = page.open(hostile)
        check_hostile_names(page)
        problems = page.problems(hostile_url)
        expect(not problems, "no console error with hostile names: %s" % problems)
    except Failure as failure:
        print("FAIL:", failure, file=sys.stderr)
        if page is not None:
            for problem in page.problems(""):
                if not problem.startswith("request: "):
                    print("  in the page:", problem, file=sys.stderr)
        log = os.path.join(work, "chromium.log")
        if os.path.exists(log):  # without the noise of a machine with no D-Bus
            lines = [line for line in open(log, errors="replace") if "dbus" not in line]
            sys.stderr.write("".join(lines[-30:]))
        return 1
    finally:
        if browser is not None:
            browser.close()
        shutil.rmtree(work, ignore_errors=True)
    print("the HTML report works in Chromium")
    return 0


if __name__ == "__main__":
    sys.exit(main())
