#!/usr/bin/env python3
"""The API benchmark behind `benchmarks/run --api-only`: `wgc serve` on the `clients` inventory (10 nodes, 10,000
clients, a file per resource, as the API writes them), committed to a git repository and cloned bare, since the API
commits only to a bare repository.

  health   GET /api/v1/status/health, no token                       for DURATION s over CONNECTIONS connections
  list     GET /api/v1/wireguard/clients?limit=100, a bearer token     for DURATION s over CONNECTIONS connections
  create   POST /api/v1/wireguard/clients, CREATES requests one after another on one keep-alive connection, each
           a new client of one server: a fresh name, a new X25519 public key, free IPv4 and IPv6 addresses

  floor    GET /api/v1/status/health of a bare Hummingbird application (benchmarks/floor, built here in release
           mode) that answers the same bytes, then wgc's GET /api/v1/status/health and GET /api/v1/status/metrics
           (a bearer token), each for DURATION s with wrk -t2 -c64, one after another in the same run

Targets: list >= 2,000 req/s; create p50 < 50 ms and p99 < 200 ms; health >= 0.5x the floor's req/s with p99
< 10 ms. Every create must answer 201 and the branch must grow by exactly one commit for each (`git rev-list
--count main` of the bare repository).

wgc serves health with every middleware it runs for it (errors, metrics, the body limit): the floor phase asks a
second `wgc serve` started with default options, the per-user request limit on (health carries no token, so that
limit never counts it). Everything else is measured on a server whose per-user limit is off, since one client
would otherwise meet it: capacity, not policy.

The load generator for health and list is wrk (Debian's; installed when missing and we are root) with a Lua
`done` hook that reports its latency percentiles; without wrk, a Python client of CONNECTIONS threads, each with
its own keep-alive http.client connection. The output names the one used. The generator runs on the same machine
as the server, so on a small machine the two share the cores.

The server, its state folder and the repositories are removed at the end, pass or fail.
"""
import argparse, base64, http.client, ipaddress, json, os, secrets, shutil, signal, socket, statistics, subprocess
import sys, tempfile, threading, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
from bench import git  # noqa: E402  (the same repository helper as the compile benchmark)

TARGETS = {"list_rps": 2_000, "create_p50_ms": 50, "create_p99_ms": 200, "health_floor_ratio": 0.5,
           "health_p99_ms": 10}
PHASES = ["reads", "create", "floor"]
FLOOR_CONNECTIONS, FLOOR_THREADS = 64, 2  # wrk -t2 -c64, as the floor was first measured
READY_TIMEOUT = 300  # s: the first compile of 10,000 clients, on a busy machine
ADMIN = "bench"

WRK_REPORT = """
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'WGC-BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, '
    .. '"non_2xx": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, errors.status, errors.connect, errors.read, errors.write, errors.timeout))
end
"""


class Server:
    """`wgc serve` on a free loopback port, its output in a log file; `stop()` ends it (SIGTERM, then SIGKILL)."""

    def __init__(self, wgc, bare, state, log, password, limited=False):
        self.port = free_port()
        self.log = log
        environment = dict(os.environ, WGC_ADMIN_USERNAME=ADMIN, WGC_ADMIN_PASSWORD=password)
        argv = [wgc, "serve", "--repo", bare, "--state-dir", state, "--listen", f"127.0.0.1:{self.port}"]
        if not limited:
            # Capacity, not policy, is measured: the per-user request limit (100/s) would cap one client.
            argv += ["--request-rate-limit", "0"]
        with open(log, "wb") as output:
            self.process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
                                            env=environment)

    def wait_until_ready(self):
        """Polls /api/v1/status/ready until it answers 200; fails with the server's log if it exits or times out."""
        deadline = time.monotonic() + READY_TIMEOUT
        start = time.monotonic()
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"wgc serve exited {self.process.returncode}:\n{open(self.log).read()}")
            try:
                status, _, _ = request(self.port, "GET", "/api/v1/status/ready")
                if status == 200:
                    return time.monotonic() - start
            except OSError:
                pass
            time.sleep(0.1)
        sys.exit(f"wgc serve not ready after {READY_TIMEOUT} s:\n{open(self.log).read()}")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Floor:
    """The floor: benchmarks/floor's bare Hummingbird application on a free loopback port."""

    def __init__(self, binary, log):
        self.port = free_port()
        self.log = log
        with open(log, "wb") as output:
            self.process = subprocess.Popen([binary, str(self.port)], stdin=subprocess.DEVNULL, stdout=output,
                                            stderr=subprocess.STDOUT)

    def wait_until_ready(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"the floor exited {self.process.returncode}:\n{open(self.log).read()}")
            try:
                if request(self.port, "GET", "/api/v1/status/health")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        sys.exit(f"the floor did not answer in 30 s:\n{open(self.log).read()}")

    stop = Server.stop


def build_floor():
    """Builds benchmarks/floor in release mode (its own .build beside it); the binary's path."""
    package = os.path.join(HERE, "floor")
    build = subprocess.run(["swift", "build", "-c", "release", "--package-path", package], capture_output=True,
                           text=True)
    if build.returncode != 0:
        sys.exit(f"building the floor failed:\n{build.stdout}{build.stderr}")
    folder = subprocess.run(["swift", "build", "-c", "release", "--package-path", package, "--show-bin-path"],
                            capture_output=True, text=True, check=True).stdout.strip()
    return os.path.join(folder, "floor")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request(port, method, path, body=None, token=None, connection=None):
    """One request: (status, response headers by lowercase name, parsed JSON body or None). Reuses `connection`
    when given (keep-alive)."""
    own = connection is None
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    try:
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        raw = response.read()
        parsed = json.loads(raw) if raw and response.getheader("content-type", "").startswith("application/json") \
            else None
        answered = {name.lower(): value for name, value in response.getheaders()}
        return response.status, answered, parsed
    finally:
        if own:
            connection.close()


def percentile(sorted_values, fraction):
    """Nearest-rank percentile of an already sorted list."""
    index = max(0, min(len(sorted_values) - 1, int(round(fraction * len(sorted_values) + 0.5)) - 1))
    return sorted_values[index]


class Load:
    """Throughput and latency of one fixed-duration run: what the table prints."""

    def __init__(self, requests, seconds, p50, p90, p99, errors):
        self.requests, self.seconds, self.p50, self.p90, self.p99, self.errors = \
            requests, seconds, p50, p90, p99, errors

    @property
    def rps(self):
        return self.requests / self.seconds


def wrk_load(port, path, token, duration, connections, work, threads=None):
    script = os.path.join(work, "report.lua")
    with open(script, "w") as f:
        f.write(WRK_REPORT)
    threads = threads or min(connections, max(1, (os.cpu_count() or 1)))
    argv = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "-s", script,
            f"http://127.0.0.1:{port}{path}"]
    if token:
        argv[1:1] = ["-H", f"Authorization: Bearer {token}"]
    result = subprocess.run(argv, capture_output=True, text=True)
    line = next((line for line in result.stdout.splitlines() if line.startswith("WGC-BENCH ")), None)
    if result.returncode != 0 or line is None:
        sys.exit(f"wrk failed ({result.returncode}): {result.stdout}{result.stderr}")
    report = json.loads(line[len("WGC-BENCH "):])
    errors = sum(report[key] for key in ["non_2xx", "connect", "read", "write", "timeout"])
    return Load(report["requests"], report["duration_us"] / 1e6, report["p50_us"] / 1e3, report["p90_us"] / 1e3,
                report["p99_us"] / 1e3, errors)


def python_load(port, path, token, duration, connections, work, threads=None):
    """CONNECTIONS threads, each sending one request after another on its own keep-alive connection."""
    latencies, errors = [], [0]
    lock = threading.Lock()
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    start_line = threading.Barrier(connections + 1)
    deadline = [0.0]

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine, failed = [], 0
        start_line.wait()
        while (now := time.perf_counter()) < deadline[0]:
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                ok = False
            mine.append((time.perf_counter() - now) * 1e3)
            failed += not ok
        connection.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    begin = time.perf_counter()
    deadline[0] = begin + duration
    start_line.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - begin
    latencies.sort()
    return Load(len(latencies), elapsed, percentile(latencies, 0.5), percentile(latencies, 0.9),
                percentile(latencies, 0.99), errors[0])


def public_keys(count):
    """New X25519 public keys (base64, as wg pubkey prints them): from `cryptography` if present, else `wg`."""
    try:
        from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
        return [base64.b64encode(X25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))
                .decode() for _ in range(count)], "python cryptography"
    except ImportError:
        pass
    if shutil.which("wg"):
        keys = []
        for _ in range(count):
            private = subprocess.run(["wg", "genkey"], capture_output=True, text=True, check=True).stdout
            keys.append(subprocess.run(["wg", "pubkey"], input=private, capture_output=True, text=True,
                                       check=True).stdout.strip())
        return keys, "wg genkey | wg pubkey"
    sys.exit("no way to make X25519 keys: install python3-cryptography or wireguard-tools")


def free_addresses(server, clients, count):
    """`count` pairs of (IPv4, IPv6) host addresses in `server`'s subnets that no client has (either may be None
    when the server has no subnet of that family)."""
    used = {c[key].split("/")[0] for c in clients for key in ["ipv4_address", "ipv6_address"] if c.get(key)}
    pools = []
    for key in ["ipv4_address", "ipv6_address"]:
        if not server.get(key):
            pools.append(None)
            continue
        interface = ipaddress.ip_interface(server[key])
        used.add(str(interface.ip))
        hosts = (str(host) for host in interface.network.hosts() if str(host) not in used)
        pools.append(hosts)
    pairs = []
    for _ in range(count):
        pairs.append(tuple(f"{next(pool)}/{32 if index == 0 else 128}" if pool else None
                           for index, pool in enumerate(pools)))
    return pairs


def create_clients(port, token, server, clients, count):
    """`count` POSTs one after another on one keep-alive connection: latencies (ms), statuses, commits."""
    keys, key_source = public_keys(count)
    addresses = free_addresses(server, clients, count)
    run = secrets.token_hex(3)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    latencies, statuses, failures = [], [], []
    begin = time.perf_counter()
    for index in range(count):
        body = {"name": f"bench-{run}-{index}", "server_id": server["id"], "public_key": keys[index],
                "description": "made by benchmarks/api.py"}
        ipv4, ipv6 = addresses[index]
        if ipv4:
            body["ipv4_address"] = ipv4
        if ipv6:
            body["ipv6_address"] = ipv6
        start = time.perf_counter()
        status, _, answer = request(port, "POST", "/api/v1/wireguard/clients", body, token, connection)
        latencies.append((time.perf_counter() - start) * 1e3)
        statuses.append(status)
        if status != 201 and len(failures) < 3:
            failures.append(f"{status}: {json.dumps(answer)[:400]}")
    elapsed = time.perf_counter() - begin
    connection.close()
    return latencies, elapsed, statuses, failures, key_source


def process_cpu_seconds(pid):
    """User plus system CPU time a process has used, all threads, from /proc/PID/stat."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine():
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
                 "unknown CPU")
    load = " ".join(open("/proc/loadavg").read().split()[:3])
    return f"{os.cpu_count()} cores ({model}), Linux {os.uname().release}, load average {load} at the start"


def verdict(met):
    return "met" if met else "MISSED"


def print_header():
    print(f"\n{'':<44}{'req/s':>9}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'errors':>8}  target")


def print_row(name, figures, target_text):
    print(f"{name:<44}{figures.rps:>9,.0f}{figures.p50:>9.2f}{figures.p90:>9.2f}{figures.p99:>9.2f}"
          f"{figures.errors:>8}  {target_text}")


def reads_phase(load, server, token, args, work):
    """GET /status/health and a page of 100 clients, each for DURATION s over CONNECTIONS connections. True when
    a request failed."""
    health = load(server.port, "/api/v1/status/health", None, args.duration, args.connections, work)
    listing = load(server.port, "/api/v1/wireguard/clients?limit=100", token, args.duration, args.connections, work)
    print_header()
    print_row("GET /status/health", health, "—")
    print_row("GET /wireguard/clients?limit=100 (token)", listing,
              f">= {TARGETS['list_rps']:,} req/s: {verdict(listing.rps >= TARGETS['list_rps'])}")
    print(f"(health and list: {health.requests:,} and {listing.requests:,} requests)")
    return bool(health.errors or listing.errors)


def create_phase(server, bare, token, target, clients, creates):
    """CREATES POST /wireguard/clients one after another; each must answer 201 and be one commit. True when not."""
    def commits():
        return int(subprocess.run(["git", "-C", bare, "rev-list", "--count", "main"], capture_output=True,
                                  text=True, check=True).stdout)

    before = commits()
    cpu_before = process_cpu_seconds(server.process.pid)
    latencies, elapsed, statuses, failures, key_source = create_clients(server.port, token, target, clients, creates)
    cpu_per_create = (process_cpu_seconds(server.process.pid) - cpu_before) * 1e3 / creates
    after = commits()
    created = sum(status == 201 for status in statuses)
    ordered = sorted(latencies)
    create = Load(len(latencies), elapsed, percentile(ordered, 0.5), percentile(ordered, 0.9),
                  percentile(ordered, 0.99), len(latencies) - created)
    print_header()
    print_row("POST /wireguard/clients (sequential)", create,
              f"p50 < {TARGETS['create_p50_ms']} ms: {verdict(create.p50 < TARGETS['create_p50_ms'])}; "
              f"p99 < {TARGETS['create_p99_ms']} ms: {verdict(create.p99 < TARGETS['create_p99_ms'])}")
    print(f"(creates: mean {statistics.mean(latencies):.1f} ms, max {ordered[-1]:.1f} ms; keys from {key_source})")
    print(f"server CPU time per create (user + system, all its threads, from /proc): {cpu_per_create:.1f} ms; "
          f"load average at the end {load_average()}")
    commits_ok = after - before == creates
    print(f"creates answered 201: {created} of {creates}; commits on main: {before} -> {after} "
          f"(+{after - before}, expected +{creates}): {'ok' if commits_ok else 'WRONG'}")
    for failure in failures:
        print(f"  a failed create: {failure}")
    return created != creates or not commits_ok


def without_timestamp(answer):
    return {key: value for key, value in (answer or {}).items() if key != "timestamp"}


def floor_phase(load, loader, binary, server, token, args, work, bare):
    """The floor's health, wgc's health (a `wgc serve` with default options) and wgc's status/metrics, each for
    DURATION s with wrk -t2 -c64, one after another. True when a request failed or the floor answers other JSON."""
    floor, limited = None, None
    try:
        limited = Server(args.wgc, bare, os.path.join(work, "state-default"), os.path.join(work, "serve-default.log"),
                         secrets.token_urlsafe(18), limited=True)
        limited.wait_until_ready()
        floor = Floor(binary, os.path.join(work, "floor.log"))
        floor.wait_until_ready()
        _, floor_headers, floor_answer = request(floor.port, "GET", "/api/v1/status/health")
        _, wgc_headers, wgc_answer = request(limited.port, "GET", "/api/v1/status/health")
        same = without_timestamp(floor_answer) == without_timestamp(wgc_answer) and \
            floor_headers.get("content-length") == wgc_headers.get("content-length")
        print(f"\nfloor phase: {loader} -t{FLOOR_THREADS} -c{FLOOR_CONNECTIONS}, {args.duration} s each, one after "
              f"another; the floor answers the same JSON as wgc: {'yes' if same else 'NO'} "
              f"({floor_headers.get('content-length')} and {wgc_headers.get('content-length')} bytes); "
              f"load average at the start {load_average()}")
        health_path = "/api/v1/status/health"
        floor_health = load(floor.port, health_path, None, args.duration, FLOOR_CONNECTIONS, work, FLOOR_THREADS)
        floor.stop()
        health = load(limited.port, health_path, None, args.duration, FLOOR_CONNECTIONS, work, FLOOR_THREADS)
        limited.stop()
        metrics = load(server.port, "/api/v1/status/metrics", token, args.duration, FLOOR_CONNECTIONS, work,
                       FLOOR_THREADS)
    finally:
        for process in (floor, limited):
            if process:
                process.stop()
    ratio = health.rps / floor_health.rps
    print(f"\n{'':<44}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'x floor':>9}  target")
    rows = [("floor: bare Hummingbird, same health JSON", floor_health, "—"),
            ("wgc GET /status/health (default options)", health,
             f">= {TARGETS['health_floor_ratio']}x floor: {verdict(ratio >= TARGETS['health_floor_ratio'])}; "
             f"p99 < {TARGETS['health_p99_ms']} ms: {verdict(health.p99 < TARGETS['health_p99_ms'])}"),
            ("wgc GET /status/metrics (token, no limit)", metrics, "—")]
    for name, figures, target_text in rows:
        print(f"{name:<44}{figures.rps:>9,.0f}{figures.p50:>9.2f}{figures.p99:>9.2f}{figures.errors:>8}"
              f"{figures.rps / floor_health.rps:>8.2f}x  {target_text}")
    print(f"(floor, health, metrics: {floor_health.requests:,}, {health.requests:,} and {metrics.requests:,} "
          f"requests; load average at the end {load_average()})")
    return bool(floor_health.errors or health.errors or metrics.errors) or not same


def load_average():
    return " ".join(open("/proc/loadavg").read().split()[:3])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wgc", required=True, help="the wgc binary to measure (a release build)")
    parser.add_argument("--duration", type=int, default=10, help="seconds of each read load (default 10)")
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections (default 16)")
    parser.add_argument("--creates", type=int, default=200, help="sequential client creations (default 200)")
    parser.add_argument("--loader", choices=["auto", "wrk", "python"], default="auto",
                        help="load generator for the reads (auto: wrk if installed or installable)")
    parser.add_argument("--phases", default=",".join(PHASES),
                        help=f"comma-separated phases to run, in this order (default {','.join(PHASES)})")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder (its path is printed)")
    args = parser.parse_args()
    phases = [phase for phase in args.phases.split(",") if phase]
    unknown = [phase for phase in phases if phase not in PHASES]
    if unknown or not phases:
        parser.error(f"--phases: {', '.join(unknown) or 'none given'}; the phases are {', '.join(PHASES)}")

    loader = args.loader
    if loader in ("auto", "wrk") and not shutil.which("wrk") and os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], stdout=subprocess.DEVNULL, check=False,
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    if loader == "auto":
        loader = "wrk" if shutil.which("wrk") else "python"
    if loader == "wrk" and not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk), and --loader wrk was asked for")
    load = wrk_load if loader == "wrk" else python_load
    if loader == "wrk":
        version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()[:2]
        loader_name = f"{' '.join(version)} (latency percentiles from its Lua done() hook)"
    else:
        loader_name = "Python threads, one keep-alive http.client connection each"

    work = tempfile.mkdtemp(prefix="wgc-api-bench.")
    server = None
    # SIGTERM and SIGHUP end the run like Ctrl-C does, through the finally below.
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, lambda *_: sys.exit("stopped by a signal"))
    try:
        print(f"machine: {machine()}")
        repository, bare = os.path.join(work, "repo"), os.path.join(work, "inventory.git")
        generated = subprocess.run([sys.executable, os.path.join(HERE, "generate-inventory.py"), "--shape",
                                    "clients", "--layout", "per-resource", repository],
                                   capture_output=True, text=True, check=True)
        git(repository, "init", "-q", "-b", "main")
        git(repository, "add", "-A")
        git(repository, "commit", "-q", "-m", "10,000 clients")
        git(work, "clone", "-q", "--bare", repository, bare)
        print(f"inventory: {generated.stdout.strip()}, committed and cloned bare")

        # Built before any server starts: a first build takes minutes, longer than a token lives.
        floor_binary = build_floor() if "floor" in phases else None

        password = secrets.token_urlsafe(18)
        server = Server(args.wgc, bare, os.path.join(work, "state"), os.path.join(work, "serve.log"), password)
        ready = server.wait_until_ready()
        credentials = {"username": ADMIN, "password": password}
        status, _, login = request(server.port, "POST", "/api/v1/auth/login", credentials)
        if status != 200:
            sys.exit(f"login answered {status}: {login}")
        token = login["access_token"]
        status, _, servers = request(server.port, "GET", "/api/v1/wireguard/servers", token=token)
        status_clients, _, clients = request(server.port, "GET", "/api/v1/wireguard/clients", token=token)
        if status != 200 or status_clients != 200 or not servers:
            sys.exit(f"reading servers ({status}) and clients ({status_clients}) failed")
        status, headers, page = request(server.port, "GET", "/api/v1/wireguard/clients?limit=100", token=token)
        if status != 200 or len(page) != 100 or headers.get("x-total-count") != str(len(clients)):
            sys.exit(f"a page of 100 clients answered {status} with {len(page or [])} items, "
                     f"X-Total-Count {headers.get('x-total-count')}")
        target = servers[0]
        print(f"wgc serve ready after {ready:.1f} s (first compile of {len(clients)} clients); "
              f"load generator: {loader_name}; phases: {', '.join(phases)}; reads: {args.duration} s each over "
              f"{args.connections} connections; creates: {args.creates} one after another on one keep-alive "
              f"connection, clients of {target['name']}")

        failed = False
        if "reads" in phases:
            failed |= reads_phase(load, server, token, args, work)
        if "create" in phases:
            failed |= create_phase(server, bare, token, target, clients, args.creates)
        if "floor" in phases:
            failed |= floor_phase(load, loader, floor_binary, server, token, args, work, bare)
        if failed:
            sys.exit("the API benchmark saw errors (see above)")
    finally:
        if server:
            server.stop()
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
