"""A small supervisor that runs a systemd service unit the way systemd would, for tests on a
machine where systemd is not PID 1 (no `systemd-run`). It reads the unit's [Service] section:
ExecStart, Environment, WorkingDirectory, Type=notify, Restart=always, RestartSec, WatchdogSec,
and acts as systemd does: NOTIFY_SOCKET and WATCHDOG_USEC for the child, READY=1 awaited, a
child that stops pinging WATCHDOG=1 for WatchdogSec is sent SIGABRT (WatchdogSignal), then
SIGKILL if it does not die, and any exit is followed by a restart after RestartSec.

usage: supervise.py UNIT --log FILE [--env K=V]... [--watchdog-sec S] [--time-limit S]
  --env          overrides an Environment= of the unit (the test machine has no DRM device)
  --watchdog-sec replaces WatchdogSec (the log says both), so a test waits seconds, not 30
  --time-limit   the supervisor stops by itself after this long (default 120 s)
SIGTERM stops the child (SIGTERM, then SIGKILL after 5 s) and the supervisor.
Log lines: "unit ...", "start pid=N", "ready pid=N ms=M", "watchdog pid=N silent_ms=M",
"exit pid=N status=S", "restart after_ms=M", "stop"."""
import os, shlex, signal, socket, subprocess, sys, tempfile, time


def read_unit(path):
    service, section = {}, None
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("["):
            section = line
            continue
        if section == "[Service]" and "=" in line:
            k, v = line.split("=", 1)
            service.setdefault(k.strip(), []).append(v.strip())
    return service


def seconds(v):
    v = v.strip()
    for suffix, mult in (("ms", 0.001), ("min", 60), ("s", 1)):
        if v.endswith(suffix):
            return float(v[: -len(suffix)]) * mult
    return float(v)


def main():
    args = sys.argv[1:]
    unit, log_path, env_over, dog_over, limit = args[0], None, {}, None, 120.0
    i = 1
    while i < len(args):
        if args[i] == "--log": log_path = args[i + 1]
        elif args[i] == "--env":
            k, v = args[i + 1].split("=", 1)
            env_over[k] = v
        elif args[i] == "--watchdog-sec": dog_over = float(args[i + 1])
        elif args[i] == "--time-limit": limit = float(args[i + 1])
        else: sys.exit("supervise.py: unknown argument " + args[i])
        i += 2
    svc = read_unit(unit)
    log = open(log_path, "a", buffering=1)
    say = lambda m: log.write(m + "\n")
    argv = shlex.split(svc["ExecStart"][0])
    env = dict(os.environ)
    for e in svc.get("Environment", []):
        for kv in shlex.split(e):
            k, v = kv.split("=", 1)
            env[k] = v
    env.update(env_over)
    restart = svc.get("Restart", ["no"])[0]
    restart_sec = seconds(svc.get("RestartSec", ["0.1"])[0])
    unit_dog = seconds(svc.get("WatchdogSec", ["0"])[0])
    dog = dog_over if dog_over is not None else unit_dog
    cwd = svc.get("WorkingDirectory", [None])[0]
    say(f"unit type={svc.get('Type', ['simple'])[0]} restart={restart} restart_sec={restart_sec:g} "
        f"watchdog_sec={dog:g} unit_watchdog_sec={unit_dog:g}")

    sock_dir = tempfile.mkdtemp(prefix="supervise-")
    sock_path = os.path.join(sock_dir, "notify")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(sock_path)
    sock.settimeout(0.05)
    stopping = [False]
    signal.signal(signal.SIGTERM, lambda *_: stopping.__setitem__(0, True))
    deadline = time.monotonic() + limit
    child = None
    try:
        while not stopping[0] and time.monotonic() < deadline:
            env["NOTIFY_SOCKET"] = sock_path
            if dog > 0:
                env["WATCHDOG_USEC"] = str(int(dog * 1e6))
            started = time.monotonic()
            child = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            env["WATCHDOG_PID"] = str(child.pid)
            say(f"start pid={child.pid}")
            ready, last_ping = False, None
            while child.poll() is None and not stopping[0] and time.monotonic() < deadline:
                try:
                    msg = sock.recv(4096).decode(errors="replace")
                except socket.timeout:
                    msg = ""
                now = time.monotonic()
                for m in msg.split("\n"):
                    if m == "READY=1" and not ready:
                        ready, last_ping = True, now
                        say(f"ready pid={child.pid} ms={int((now - started) * 1000)}")
                    elif m == "WATCHDOG=1":
                        last_ping = now
                if dog > 0 and ready and now - last_ping > dog:
                    say(f"watchdog pid={child.pid} silent_ms={int((now - last_ping) * 1000)}")
                    child.send_signal(signal.SIGABRT)
                    try:
                        child.wait(1.0)
                    except subprocess.TimeoutExpired:
                        child.kill()       # a stopped process keeps SIGABRT pending: SIGKILL ends it
                    break
            if child.poll() is None and (stopping[0] or time.monotonic() >= deadline):
                break
            status = child.wait()
            say(f"exit pid={child.pid} status={status}")
            if restart != "always":
                break
            say(f"restart after_ms={int(restart_sec * 1000)}")
            end = time.monotonic() + restart_sec
            while time.monotonic() < end and not stopping[0]:
                time.sleep(0.05)
    finally:
        if child is not None and child.poll() is None:
            child.terminate()
            try:
                child.wait(5)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
            say(f"exit pid={child.pid} status={child.returncode}")
        say("stop")
        sock.close()
        os.unlink(sock_path)
        os.rmdir(sock_dir)


if __name__ == "__main__":
    main()
