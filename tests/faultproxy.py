#!/usr/bin/env python3
"""A fault-injecting HTTP proxy for the network sync tests (Python's standard library only).

usage: faultproxy.py UPSTREAM_PORT CONTROL_FILE LOG_FILE

Listens on 127.0.0.1 on three free ports and prints them on one line, "proxy P other O blackhole B":
  proxy      forwards every request to 127.0.0.1:UPSTREAM_PORT, except the one the fault names;
  other      "another host" (http://localhost:O/): answers 200 to anything and logs the
             Authorization header it got, so a test sees whether credentials followed a redirect;
  blackhole  a listening socket whose accept queue is full: a connection to it is never accepted
             (a connect timeout).
CONTROL_FILE holds the fault, read again at every request (so a test changes it between runs):
  pass                   forward everything
  drop METHOD            read half the request body (or, for GET, send half the answer) and hang up
  status CODE METHOD     answer CODE to METHOD (any: *), forwarding nothing
  redirect CODE METHOD   answer CODE with Location: http://localhost:O/... (same path)
  stall METHOD           read the request, then never answer (until the client gives up)
  short GET              forward a GET of a .age file with only half its bytes (a consistent length)
  flip GET               forward a GET of a .age file with one byte in its middle changed
  hold GET               log "held GET path", then never answer: the test kills the kiosk there
Every request is logged as "METHOD path -> STATUS auth=yes|no" (the proxy's) or
"other METHOD path auth=VALUE" (the other host's).
"""
import http.client
import http.server
import socket
import socketserver
import sys
import threading
import time

UPSTREAM, CONTROL, LOG = int(sys.argv[1]), sys.argv[2], sys.argv[3]
lock = threading.Lock()
other_port = 0


def log(line):
    with lock, open(LOG, "a") as f:
        f.write(line + "\n")


def fault():
    try:
        with open(CONTROL) as f:
            words = f.read().split()
    except OSError:
        words = []
    return words or ["pass"]


def applies(method_word, method):
    return method_word == "*" or method_word == method


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = False


class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def __getattr__(self, name):
        if name.startswith("do_"):
            return self.proxy
        raise AttributeError(name)

    def body(self, limit=None):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n if limit is None else min(n, limit))

    def answer(self, status, headers=(), data=b""):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def never(self):
        """Waits until the client hangs up (or 120 s), answering nothing."""
        self.close_connection = True
        self.connection.settimeout(1)
        for _ in range(120):
            try:
                if self.connection.recv(1) == b"":
                    return
            except socket.timeout:
                continue
            except OSError:
                return

    def proxy(self):
        words, method = fault(), self.command
        auth = "yes" if self.headers.get("Authorization") else "no"
        kind = words[0]
        if kind == "drop" and applies(words[1], method) and method != "GET":
            n = int(self.headers.get("Content-Length") or 0)
            self.body(n // 2)
            log("%s %s -> dropped auth=%s" % (method, self.path, auth))
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if kind in ("status", "redirect") and applies(words[2], method):
            self.body()
            code = int(words[1])
            headers = [("WWW-Authenticate", 'Basic realm="pallay"')] if code == 401 else []
            if kind == "redirect":
                headers.append(("Location", "http://localhost:%d%s" % (other_port, self.path)))
            log("%s %s -> %d auth=%s" % (method, self.path, code, auth))
            self.answer(code, headers)
            return
        if kind == "stall" and applies(words[1], method):
            self.body()
            log("%s %s -> stalled auth=%s" % (method, self.path, auth))
            self.never()
            return
        if kind == "hold" and applies(words[1], method):
            log("held %s %s" % (method, self.path))
            self.never()
            return
        # Forwarded: the request as it came (Expect was answered already), the answer as it came.
        data = self.body()
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("expect", "connection", "keep-alive")}
        up = http.client.HTTPConnection("127.0.0.1", UPSTREAM, timeout=60)
        up.request(method, self.path, body=data if data or "Content-Length" in self.headers else None, headers=headers)
        r = up.getresponse()
        payload = r.read()
        up.close()
        out = [(k, v) for k, v in r.getheaders()
               if k.lower() not in ("content-length", "transfer-encoding", "connection", "keep-alive")]
        is_bundle = method == "GET" and self.path.endswith(".age") and r.status == 200
        if kind == "short" and is_bundle and applies(words[1], method):
            payload = payload[: len(payload) // 2]
        elif kind == "flip" and is_bundle and applies(words[1], method) and payload:
            mid = len(payload) // 2
            payload = payload[:mid] + bytes([payload[mid] ^ 0x20]) + payload[mid + 1:]
        elif kind == "drop" and method == "GET" and applies(words[1], method) and r.status == 200:
            self.send_response(r.status)
            for k, v in out:
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload[: len(payload) // 2])
            self.wfile.flush()
            log("%s %s -> dropped auth=%s" % (method, self.path, auth))
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        log("%s %s -> %d auth=%s%s" % (method, self.path, r.status, auth, "" if kind == "pass" else " (" + kind + ")"))
        self.answer(r.status, out, payload)


class Other(Proxy):
    def proxy(self):
        self.body()
        log("other %s %s auth=%s" % (self.command, self.path, self.headers.get("Authorization") or "none"))
        self.answer(200)


def blackhole():
    """A listener that accepts nothing, its queue filled at once: later SYNs are dropped."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(0)
    fillers = []
    for _ in range(3):
        c = socket.socket()
        c.setblocking(False)
        try:
            c.connect(s.getsockname())
        except BlockingIOError:
            pass
        fillers.append(c)
    return s, fillers


def main():
    global other_port
    proxy = Server(("127.0.0.1", 0), Proxy)
    other = Server(("127.0.0.1", 0), Other)
    other_port = other.server_address[1]
    hole, fillers = blackhole()
    for srv in (proxy, other):
        threading.Thread(target=srv.serve_forever, daemon=True).start()
    print("proxy %d other %d blackhole %d" % (proxy.server_address[1], other_port, hole.getsockname()[1]), flush=True)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
