"""make bench-peer: the kiosk's first screen (the language choice: the same two pictures, the same
two words in the same font on the same colours, the same two voices ready to play) drawn by
pallay and, as an HTML page, by Debian's Chromium headless, the way browser-based kiosks run.
Ten rounds, alternating. For pallay: exec to its first presented frame (its trace). For Chromium:
exec to its screenshot written and the browser gone. Memory: the peak of the proportional set
size (PSS) summed over every process of the run, sampled every 5 ms.
usage: bench_peer.py BUILD CONTENT_DIR (needs DISPLAY: run under xvfb-run)"""
import os, shutil, statistics, subprocess, sys, tempfile, threading, time

BUILD, CONTENT = sys.argv[1], sys.argv[2]
ROUNDS = 10
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
T = tempfile.mkdtemp(prefix="pallay-peer-")

PAGE = """<!doctype html>
<html lang="es"><head><meta charset="utf-8"><title>Pallay</title>
<style>
@font-face { font-family: kiosk; src: url(DejaVuSans-Bold.ttf); }
html, body { margin: 0; height: 100%; background: #f7f1e7; font-family: kiosk; }
main { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; padding: 70px 40px; height: calc(100% - 140px); box-sizing: border-box; }
button { background: #fff; border: 0; border-radius: 16px; padding: 12px; display: flex; flex-direction: column;
         align-items: center; box-shadow: 0 1px 3px #0002; font: inherit; font-size: 28px; color: #2a2a2a; }
img { width: 100%; flex: 1; object-fit: contain; }
</style></head>
<body><main>
<button><img src="lang-es.png" alt=""><span>Castellano</span></button>
<button><img src="lang-quy.png" alt=""><span>Runasimi</span></button>
</main>
<audio preload="auto" src="es.ogg"></audio><audio preload="auto" src="quy.ogg"></audio>
</body></html>
"""


def page():
    for lang in ("es", "quy"):
        shutil.copy(os.path.join(CONTENT, "pictures", f"lang-{lang}.png"), T)
        voices = os.path.join(CONTENT, "voice", lang)
        name = next((f for f in sorted(os.listdir(voices)) if f.startswith("lang")), sorted(os.listdir(voices))[0])
        shutil.copy(os.path.join(voices, name), os.path.join(T, f"{lang}.ogg"))
    shutil.copy(FONT, T)
    with open(os.path.join(T, "page.html"), "w") as f:
        f.write(PAGE)


def tree(root):
    """The pids of root and all its descendants."""
    kids = {}
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                stat = open(f"/proc/{p}/stat").read()
                kids.setdefault(int(stat[stat.rindex(")") + 2:].split()[1]), []).append(int(p))
            except (OSError, ValueError):
                pass
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def pss_kb(pid):
    try:
        for line in open(f"/proc/{pid}/smaps_rollup"):
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(argv, env=None):
    """Runs argv; returns (start, end, peak PSS kB summed over its processes)."""
    peak, done = [0], threading.Event()
    start = time.monotonic_ns()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], sum(pss_kb(p) for p in tree(proc.pid)))
            time.sleep(0.005)

    th = threading.Thread(target=sample)
    th.start()
    proc.wait()
    end = time.monotonic_ns()
    done.set()
    th.join()
    if proc.returncode != 0:
        sys.exit(f"bench_peer: {argv[0]} failed with status {proc.returncode}")
    return start, end, peak[0]


def pallay():
    trace, script = os.path.join(T, "trace"), os.path.join(T, "quit.script")
    open(script, "w").write("quit\n")
    env = dict(os.environ, SDL_AUDIODRIVER="dummy")
    start, _, pss = run([os.path.join(BUILD, "pallay"), "--software", "--size", "1280x800", "--db", os.path.join(T, "peer.db"),
                         "--pin_setup", "0", "--trace", trace, "--script", script], env)
    frame = next(int(l.split("mono_us=")[1]) for l in open(trace) if "frame first mono_us=" in l)
    return (frame * 1000 - start) / 1e6, pss


def chromium():
    shot = os.path.join(T, "chromium.png")
    start, end, pss = run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                           "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                           "--user-data-dir=" + os.path.join(T, "profile"), "--window-size=1280,800", "--screenshot=" + shot,
                           "file://" + os.path.join(T, "page.html")])
    if not os.path.getsize(shot):
        sys.exit("bench_peer: chromium wrote no screenshot")
    return (end - start) / 1e6, pss


page()
p_ms, p_kb, c_ms, c_kb = [], [], [], []
pallay()                                    # once first, so neither starts from a cold disk cache
chromium()
for _ in range(ROUNDS):
    ms, kb = pallay(); p_ms.append(ms); p_kb.append(kb)
    ms, kb = chromium(); c_ms.append(ms); c_kb.append(kb)
pm, cm = statistics.median(p_ms), statistics.median(c_ms)
pk, ck = statistics.median(p_kb), statistics.median(c_kb)
print(f"pallay:   first frame {pm:.0f} ms (median of {ROUNDS}, {min(p_ms):.0f}-{max(p_ms):.0f}), peak PSS {pk / 1024:.1f} MB")
print(f"chromium: screenshot  {cm:.0f} ms (median of {ROUNDS}, {min(c_ms):.0f}-{max(c_ms):.0f}), peak PSS {ck / 1024:.1f} MB summed over its processes")
print(f"pallay is {cm / pm:.1f} times faster (target 30) and {ck / pk:.1f} times smaller (target 12)")
shutil.copy(os.path.join(T, "chromium.png"), os.path.join(BUILD, "peer-chromium.png"))
shutil.rmtree(T)
