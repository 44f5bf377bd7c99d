#!/usr/bin/env python3
"""The WebSocket benchmark: `wgc serve` on the example inventory (committed and cloned bare), CONNECTIONS WebSockets
opened on `/api/v1/ws/{user_id}?connection_type=pool_status` (every one subscribed to every pool), then

  idle     the server's resident memory (VmRSS) with all of them open, before and after IDLE seconds of nothing,
           and the CPU time it used meanwhile;
  fan-out  ROUNDS pool changes (an allocation, then its release, and so on, each a commit through the API): for
           each, how long until every connection has the `pool_status_update`, counted from when the request was
           sent (so it includes the commit itself).

Targets (issue 9): all connections held with the server under 200 MB RSS; a change reaching every subscriber
within 1 s. The client is this script: raw sockets and the WebSocket framing of RFC 6455, one thread reading all
of them through `selectors`, the change requested from a second thread. Client and server share the machine.

The server, its state folder and the repositories are removed at the end, pass or fail.
"""
import argparse, base64, http.client, json, os, resource, secrets, selectors, shutil, signal, socket, struct, subprocess, sys
import tempfile, threading, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
from api import free_port, machine, percentile, process_cpu_seconds, request, verdict  # noqa: E402
from bench import git  # noqa: E402

ADMIN = "bench"
RSS_LIMIT_MB = 200
FANOUT_LIMIT_S = 1.0
EXAMPLE = os.path.join(os.path.dirname(HERE), "examples", "inventory")


class Socket:
    """One WebSocket client connection: the opening handshake, then frames read from a buffer."""

    def __init__(self, port, path):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        key = base64.b64encode(secrets.token_bytes(16)).decode()
        self.sock.sendall((f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")
                          .encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("the server closed the connection during the handshake")
            head += chunk
        head, self.buffer = head.split(b"\r\n\r\n", 1)
        if not head.startswith(b"HTTP/1.1 101"):
            raise ConnectionError(f"upgrade refused: {head.splitlines()[0].decode()}")
        self.sock.setblocking(False)

    def messages(self):
        """Reads what the socket has and returns the complete text messages in it (answering pings)."""
        try:
            while True:
                chunk = self.sock.recv(65536)
                if not chunk:
                    raise ConnectionError("closed by the server")
                self.buffer += chunk
        except BlockingIOError:
            pass
        texts = []
        while len(self.buffer) >= 2:
            opcode, length, offset = self.buffer[0] & 0x0F, self.buffer[1] & 0x7F, 2
            if length == 126:
                if len(self.buffer) < 4:
                    break
                length, offset = struct.unpack("!H", self.buffer[2:4])[0], 4
            elif length == 127:
                if len(self.buffer) < 10:
                    break
                length, offset = struct.unpack("!Q", self.buffer[2:10])[0], 10
            if len(self.buffer) < offset + length:
                break
            payload, self.buffer = self.buffer[offset:offset + length], self.buffer[offset + length:]
            if opcode == 0x1:
                texts.append(json.loads(payload))
            elif opcode == 0x9:
                self.send(0xA, payload)
            elif opcode == 0x8:
                raise ConnectionError(f"closed by the server: {payload[2:].decode(errors='replace')}")
        return texts

    def send(self, opcode, payload):
        mask = secrets.token_bytes(4)
        masked = bytes(byte ^ mask[index % 4] for index, byte in enumerate(payload))
        self.sock.setblocking(True)
        self.sock.sendall(bytes([0x80 | opcode, 0x80 | len(payload)]) + mask + masked)
        self.sock.setblocking(False)


def rss_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def wait_for(sockets, wanted, deadline, started=None):
    """Reads every socket until each has had a message of type `wanted`; returns each one's arrival time after
    `started` (seconds), or raises when `deadline` passes first."""
    selector = selectors.DefaultSelector()
    for index, connection in enumerate(sockets):
        selector.register(connection.sock, selectors.EVENT_READ, index)
    arrivals = {}
    for index, connection in enumerate(sockets):  # what came with the handshake's answer is already buffered
        if any(message.get("type") == wanted for message in connection.messages()):
            arrivals[index] = time.monotonic() - (started or 0)
    try:
        while len(arrivals) < len(sockets):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"{len(sockets) - len(arrivals)} of {len(sockets)} connections had no {wanted}")
            for key, _ in selector.select(remaining):
                index = key.data
                if index in arrivals:
                    sockets[index].messages()
                    continue
                if any(message.get("type") == wanted for message in sockets[index].messages()):
                    arrivals[index] = time.monotonic() - (started or 0)
    finally:
        selector.close()
    return [arrivals[index] for index in range(len(sockets))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wgc", required=True, help="the wgc binary to measure (a release build)")
    parser.add_argument("--connections", type=int, default=1000, help="WebSockets to open (default 1000)")
    parser.add_argument("--idle", type=int, default=10, help="seconds to hold them idle (default 10)")
    parser.add_argument("--rounds", type=int, default=10, help="pool changes to time (default 10)")
    args = parser.parse_args()

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = args.connections * 2 + 256
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard), hard))  # the server inherits it too

    work = tempfile.mkdtemp(prefix="wgc-ws-bench.")
    process = None
    sockets = []
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, lambda *_: sys.exit("stopped by a signal"))
    try:
        print(f"machine: {machine()}")
        repository, bare = os.path.join(work, "repo"), os.path.join(work, "inventory.git")
        shutil.copytree(EXAMPLE, repository)
        git(repository, "init", "-q", "-b", "main")
        git(repository, "add", "-A")
        git(repository, "commit", "-q", "-m", "the example inventory")
        git(work, "clone", "-q", "--bare", repository, bare)

        password = secrets.token_urlsafe(18)
        port = free_port()
        log = os.path.join(work, "serve.log")
        with open(log, "wb") as output:
            process = subprocess.Popen(
                [args.wgc, "serve", "--repo", bare, "--state-dir", os.path.join(work, "state"),
                 "--listen", f"127.0.0.1:{port}", "--bird-socket", "", "--request-rate-limit", "0"],
                stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
                env=dict(os.environ, WGC_ADMIN_USERNAME=ADMIN, WGC_ADMIN_PASSWORD=password))
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                sys.exit(f"wgc serve exited {process.returncode}:\n{open(log).read()}")
            try:
                if request(port, "GET", "/api/v1/status/ready")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                sys.exit(f"wgc serve not ready:\n{open(log).read()}")
            time.sleep(0.1)
        status, _, login = request(port, "POST", "/api/v1/auth/login", {"username": ADMIN, "password": password})
        if status != 200:
            sys.exit(f"login answered {status}: {login}")
        token, user = login["access_token"], login["user"]["id"]
        pools = request(port, "GET", "/api/v1/ipv6/pools", token=token)[2]
        clients = request(port, "GET", "/api/v1/wireguard/clients", token=token)[2]
        pool, client = pools[0], clients[0]
        rss_before = rss_mb(process.pid)

        path = f"/api/v1/ws/{user}?token={token}&connection_type=pool_status"
        opened = time.monotonic()
        for _ in range(args.connections):
            sockets.append(Socket(port, path))
        handshakes = time.monotonic() - opened
        wait_for(sockets, "subscribed", time.monotonic() + 60)
        opening = time.monotonic() - opened
        counted = next((line.split()[1] for line in metric_lines(port)
                        if line.startswith("wgc_api_websocket_connections ")), "?").removesuffix(".0")
        rss_open = rss_mb(process.pid)
        cpu_before = process_cpu_seconds(process.pid)
        time.sleep(args.idle)  # the idle period being measured, not a synchronisation
        for connection in sockets:
            connection.messages()  # nothing is expected; pings are answered
        idle_cpu = process_cpu_seconds(process.pid) - cpu_before
        rss_idle = rss_mb(process.pid)
        print(f"wgc serve on the example inventory; {args.connections} WebSockets opened one after another in "
              f"{handshakes:.2f} s, all greeted and subscribed after {opening:.2f} s; the server counts {counted} "
              f"(wgc_api_websocket_connections)")

        allocation = None
        fanouts = []
        for round_number in range(args.rounds):
            if allocation is None:
                method, route, body = "POST", f"/api/v1/ipv6/pools/{pool['id']}/allocate", {"client_id": client["id"]}
            else:
                method, route, body = "POST", f"/api/v1/ipv6/pools/{pool['id']}/release/{allocation}", None
            answer = {}

            def change():
                answer["reply"] = request(port, method, route, body, token=token)

            started = time.monotonic()
            thread = threading.Thread(target=change)
            thread.start()
            arrivals = wait_for(sockets, "pool_status_update", started + 30, started)
            thread.join()
            status, _, reply = answer["reply"]
            if status not in (200, 201):
                sys.exit(f"round {round_number + 1}: {method} {route} answered {status}: {reply}")
            allocation = reply.get("allocation_id") if allocation is None else None
            fanouts.append(sorted(arrivals))

        print(f"\n{'':<52}{'figure':>14}  target")
        print(f"{'RSS before any WebSocket':<52}{rss_before:>11.1f} MB")
        print(f"{f'RSS with {args.connections} open':<52}{rss_open:>11.1f} MB")
        print(f"{f'RSS after {args.idle} s idle':<52}{rss_idle:>11.1f} MB  < {RSS_LIMIT_MB} MB: "
              f"{verdict(max(rss_open, rss_idle) < RSS_LIMIT_MB)}")
        print(f"{f'server CPU during the {args.idle} s idle':<52}{idle_cpu * 1e3:>11.0f} ms")
        last = [round_arrivals[-1] for round_arrivals in fanouts]
        median = [percentile(round_arrivals, 0.5) for round_arrivals in fanouts]
        print(f"{'a pool change to the first subscriber (median round)':<52}"
              f"{percentile(sorted(r[0] for r in fanouts), 0.5) * 1e3:>11.1f} ms")
        print(f"{'... to half of them (median round)':<52}{percentile(sorted(median), 0.5) * 1e3:>11.1f} ms")
        print(f"{'... to all of them (median round)':<52}{percentile(sorted(last), 0.5) * 1e3:>11.1f} ms")
        print(f"{'... to all of them (slowest round)':<52}{max(last) * 1e3:>11.1f} ms  < {FANOUT_LIMIT_S * 1e3:.0f} ms:"
              f" {verdict(max(last) < FANOUT_LIMIT_S)}")
        print(f"({args.rounds} rounds, alternately an allocation and its release, each a commit; times from the "
              f"request's start; load average at the end {' '.join(open('/proc/loadavg').read().split()[:3])})")
    finally:
        for connection in sockets:
            connection.sock.close()
        if process and process.poll() is None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(work, ignore_errors=True)


def metric_lines(port):
    """The lines of the server's Prometheus exposition."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", "/metrics")
        return connection.getresponse().read().decode().splitlines()
    finally:
        connection.close()


if __name__ == "__main__":
    main()
