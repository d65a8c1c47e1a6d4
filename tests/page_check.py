"""Renders a local HTML page in headless Chromium, as a coordinator's phone or laptop would, and
tells what a person would see: for each width, the width the page needs (wider than the screen
means she must scroll sideways) and a full-page screenshot; and the page printed to PDF on A4.
It talks to Chromium over its DevTools pipe (fds 3 and 4, JSON messages ending in NUL), so it
needs no network port and no package beyond Python's standard library.

usage: page_check.py PAGE.html OUTDIR WIDTH...
prints one line per width: "width=W scroll=S height=H shot=OUTDIR/page-W.png",
then "pdf=OUTDIR/page.pdf" """
import base64, json, os, subprocess, sys, tempfile

page, outdir, widths = os.path.abspath(sys.argv[1]), sys.argv[2], [int(w) for w in sys.argv[3:]]
to_chrome_r, to_chrome_w = os.pipe()
from_chrome_r, from_chrome_w = os.pipe()
profile = tempfile.mkdtemp(prefix="page-check-")


def child_fds():
    os.dup2(to_chrome_r, 3)
    os.dup2(from_chrome_w, 4)


chrome = subprocess.Popen(
    ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
     "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
     "--remote-debugging-pipe", "--user-data-dir=" + profile, "about:blank"],
    preexec_fn=child_fds, pass_fds=(3, 4), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
os.close(to_chrome_r)
os.close(from_chrome_w)
inbox, next_id, session = b"", [0], [None]


def send(method, params=None, wait=True):
    next_id[0] += 1
    msg = {"id": next_id[0], "method": method, "params": params or {}}
    if session[0]:
        msg["sessionId"] = session[0]
    os.write(to_chrome_w, json.dumps(msg).encode() + b"\0")
    return read_until(lambda m: m.get("id") == next_id[0]) if wait else None


def read_until(done):
    global inbox
    while True:
        while b"\0" in inbox:
            raw, inbox = inbox.split(b"\0", 1)
            m = json.loads(raw)
            if "error" in m and m.get("id") == next_id[0]:
                sys.exit("page_check: " + json.dumps(m["error"]))
            if done(m):
                return m.get("result", m.get("params", {}))
        chunk = os.read(from_chrome_r, 1 << 20)
        if not chunk:
            sys.exit("page_check: chromium closed its pipe")
        inbox += chunk


try:
    target = send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session[0] = send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    send("Page.enable")
    for w in widths:
        send("Emulation.setDeviceMetricsOverride", {"width": w, "height": 800, "deviceScaleFactor": 1, "mobile": w < 600})
        send("Page.navigate", {"url": "file://" + page}, wait=False)
        read_until(lambda m: m.get("method") == "Page.loadEventFired")
        size = send("Runtime.evaluate", {"expression": "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]",
                                         "returnByValue": True})["result"]["value"]
        shot = send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                               "clip": {"x": 0, "y": 0, "width": w, "height": min(size[1], 6000), "scale": 1}})
        path = os.path.join(outdir, f"page-{w}.png")
        open(path, "wb").write(base64.b64decode(shot["data"]))
        print(f"width={w} scroll={size[0]} height={size[1]} shot={path}", flush=True)
    send("Emulation.clearDeviceMetricsOverride")
    pdf = send("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
    path = os.path.join(outdir, "page.pdf")
    open(path, "wb").write(base64.b64decode(pdf["data"]))
    print(f"pdf={path}")
finally:
    session[0] = None
    try:
        send("Browser.close", wait=False)
        chrome.wait(10)
    except Exception:
        chrome.kill()
        chrome.wait()
    subprocess.run(["rm", "-rf", profile])
