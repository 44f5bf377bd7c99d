#!/usr/bin/env python3
"""The agent benchmark behind `benchmarks/run --agent`: on a wireguard-go interface with 5,000 peers, in a network
namespace of its own with BIRD running,

  full apply   `wgc apply` of 5,000 peers onto a fresh interface   against  `wg setconf` onto a fresh wireguard-go
  one peer     `wgc apply` of a commit changing one client's key   against  `wg syncconf` of the same change;
               then a running `wgc agent` (cycles 1 s apart) as its branch moves between the two commits: each
               applying cycle's duration as its JSON log gives it (the daemon compiles from the revision before)
  nothing      `wgc apply` of the applied revision again, and one `wgc agent --once` cycle with nothing new

Targets: full apply <= 1.5x wg setconf; one-peer change <= 100 ms and no slower than wg syncconf.

The inventory is generate-inventory.py's, one node, one server, 5,000 clients, no allocations and no BGP sessions,
made a git repository of two commits one client's key apart. The `wg` baselines use the wg-quick server config
`wgc compile` writes for that node, stripped with `wg-quick strip`, plus the server's private key (wg-quick sets it
in a PostUp). Every command is timed from inside the namespace (this process joins it with setns(2)), so the cost
of `ip netns exec`, printed once, is in no figure. Each figure is the median of RUNS runs after one warm-up.

The namespace, BIRD, wireguard-go and the scratch folder are removed at the end, pass or fail.
"""
import argparse, ctypes, json, os, re, secrets, shutil, signal, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bench import change_one_client, git  # noqa: E402  (the same repository helpers as the compile benchmark)

CLIENTS = 5_000
NODE = "edge-0"
TARGETS = {"full": 1.5, "one-peer": 1.0, "one-peer-ms": 100}
CLONE_NEWNET = 0x40000000
WG_PORT = 51821  # the wg baselines' interface; the inventory's server listens on 51820


def run(argv, **options):
    """Runs a set-up command; its output is shown only when it fails."""
    result = subprocess.run(argv, capture_output=True, text=True, **options)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {result.returncode}: {result.stdout}{result.stderr}")
    return result.stdout


def measure(argv, before=None):
    """Wall and CPU time (s) of one run of `argv`, and its peak RSS (MB), from wait4's rusage."""
    if before:
        before()
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=errors)
        output = process.stdout.read().decode()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise RuntimeError(f"{' '.join(argv)} exited {os.waitstatus_to_exitcode(status)}: {output}"
                               f"{errors.read().decode()}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output


class Result:
    def __init__(self, samples):
        self.wall = statistics.median(s[0] for s in samples)
        self.cpu = statistics.median(s[1] for s in samples)
        self.rss = max(s[2] for s in samples)
        self.output = samples[-1][3]
        self.walls = [s[0] for s in samples]


def step_times(runs, argv, before):
    """Medians of the `*_ms` fields wgc's JSON log gives for `argv` (compile_ms, apply_ms and each apply step's),
    over `runs` runs."""
    times = {}
    for _ in range(runs):
        before()
        result = subprocess.run(argv, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} exited {result.returncode}: {result.stdout}{result.stderr}")
        for line in result.stderr.splitlines():
            try:
                fields = json.loads(line)
            except ValueError:
                continue
            for key, value in fields.items():
                if key.endswith("_ms"):
                    times.setdefault(key, []).append(float(value))
    return {key: statistics.median(values) for key, values in times.items()}


def steps_line(times):
    """`name N ms, ...` for the apply's steps in `times` (step_times' or the daemon's)."""
    skip = {"compile_ms", "apply_ms", "duration_ms"}
    return ", ".join(f"{key.removesuffix('_ms')} {value:.0f} ms" for key, value in times.items()
                     if key.endswith("_ms") and key not in skip)


def median_of(runs, argv, before=None):
    measure(argv, before)  # a warm-up, not counted
    return Result([measure(argv, before) for _ in range(runs)])


def row(label, result, note=""):
    spread = f"[{min(result.walls) * 1000:.0f}-{max(result.walls) * 1000:.0f}]"
    print(f"  {label:<52} {result.wall * 1000:8.1f} ms wall {spread:>13} {result.cpu * 1000:7.1f} ms cpu "
          f"{result.rss:6.1f} MB{note}")


def ratio(label, value, target, unit="x"):
    verdict = "met" if value <= target else "MISSED"
    print(f"  {'':<52} {label} {value:6.2f}{unit} (target <= {target}{unit}: {verdict})")


class Lab:
    """The namespace, BIRD in it, keys, the repository and the state folder; `close` undoes all of it."""

    def __init__(self, wgc, work):
        self.wgc, self.work = wgc, work
        suffix = secrets.token_hex(3)
        self.namespace = "wgcb" + suffix
        self.interface = "wgb" + suffix
        self.wg_interface = "wgs" + suffix  # the wg baselines' own interface, so they never see wgc's state
        self.bird = None
        self.daemon = None
        self.home_namespace = None
        self.libc = ctypes.CDLL(None, use_errno=True)

    # Namespace and daemons.

    def open(self):
        run(["ip", "netns", "add", self.namespace])
        self.home_namespace = os.open("/proc/self/ns/net", os.O_RDONLY)
        self.enter(f"/run/netns/{self.namespace}")
        run(["ip", "link", "set", "lo", "up"])
        self.bird_config = os.path.join(self.work, "bird.conf")
        self.bird_socket = os.path.join(self.work, "bird.ctl")
        with open(self.bird_config, "w") as f:
            f.write("router id 10.255.0.1;\nprotocol device {}\n")
        self.bird = subprocess.Popen(["bird", "-f", "-c", self.bird_config, "-s", self.bird_socket],
                                     stdout=subprocess.DEVNULL, stderr=open(os.path.join(self.work, "bird.log"), "w"))
        deadline = time.monotonic() + 10
        while not os.path.exists(self.bird_socket):
            if self.bird.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("BIRD did not start: " + open(os.path.join(self.work, "bird.log")).read())
            time.sleep(0.05)

    def enter(self, path):
        descriptor = os.open(path, os.O_RDONLY) if isinstance(path, str) else path
        if self.libc.setns(descriptor, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), f"setns {path}")
        if isinstance(path, str):
            os.close(descriptor)

    def close(self):
        if self.daemon and self.daemon.poll() is None:
            self.daemon.terminate()
            self.wait_or_kill(self.daemon)
        for interface in (self.interface, self.wg_interface):
            self.delete_interface(interface)
        if self.bird and self.bird.poll() is None:
            self.bird.terminate()
            self.wait_or_kill(self.bird)
        if self.home_namespace is not None:
            self.enter(self.home_namespace)
            # Anything still in the namespace was started by this benchmark (wireguard-go daemonises).
            for pid in subprocess.run(["ip", "netns", "pids", self.namespace], capture_output=True,
                                      text=True).stdout.split():
                try:
                    os.kill(int(pid), signal.SIGKILL)
                except ProcessLookupError:
                    pass
            os.close(self.home_namespace)
            subprocess.run(["ip", "netns", "del", self.namespace], capture_output=True)

    @staticmethod
    def wait_or_kill(process):
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def wireguard_go_pids(self, interface):
        found = subprocess.run(["pgrep", "-x", "-f", f"wireguard-go {interface}"], capture_output=True, text=True)
        return [int(pid) for pid in found.stdout.split()]

    def delete_interface(self, interface):
        """Deletes the link; wireguard-go sees its TUN go and exits. Returns once it has, socket file gone."""
        subprocess.run(["ip", "link", "del", interface], capture_output=True)
        deadline = time.monotonic() + 10
        while self.wireguard_go_pids(interface):
            if time.monotonic() > deadline:
                for pid in self.wireguard_go_pids(interface):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.01)
        try:
            os.unlink(f"/var/run/wireguard/{interface}.sock")
        except FileNotFoundError:
            pass

    def start_wireguard_go(self, interface):
        self.delete_interface(interface)
        run(["wireguard-go", interface])

    # The inventory.

    def make_repository(self):
        self.key_dir = os.path.join(self.work, "keys")
        self.secret_dir = os.path.join(self.work, "secrets")
        os.makedirs(self.key_dir, mode=0o700)
        os.makedirs(self.secret_dir, mode=0o700)
        self.private_key = run(["wg", "genkey"]).strip()
        public_key = run(["wg", "pubkey"], input=self.private_key + "\n").strip()
        for interface in (self.interface, self.wg_interface):
            with open(os.path.join(self.key_dir, interface + ".key"), "w") as f:
                f.write(self.private_key + "\n")
        self.repository = os.path.join(self.work, "repository")
        run([sys.executable, os.path.join(HERE, "generate-inventory.py"), self.repository, "--nodes", "1",
             "--clients", str(CLIENTS), "--allocations", "0", "--sessions", "0"])
        node_file = os.path.join(self.repository, NODE + ".yaml")
        text = open(node_file).read()
        # No LAN (there is no eth1 in the namespace), the lab's interface, and the key in the key folder.
        text = re.sub(r"lan_interfaces:\n(  .*\n)+", "", text)
        text = text.replace("interface: wg0", f"interface: {self.interface}")
        text = re.sub(r"(kind: WireGuardServer\n(?:.*\n)*?public_key: ).*", lambda m: m.group(1) + public_key, text)
        open(node_file, "w").write(text)
        git(self.repository, "init", "-q", "-b", "main")
        git(self.repository, "add", "-A")
        git(self.repository, "commit", "-q", "-m", "one node, one server, 5,000 clients")
        change_one_client(self.repository)
        git(self.repository, "commit", "-q", "-a", "-m", "one client's key changed")
        git(self.repository, "gc", "-q")
        self.base = run(["git", "-C", self.repository, "rev-parse", "HEAD~1"]).strip()
        self.head = run(["git", "-C", self.repository, "rev-parse", "HEAD"]).strip()
        self.base_conf = self.wg_config(self.base, "base")
        self.head_conf = self.wg_config(self.head, "head")

    def wg_config(self, revision, name):
        """The compiled wg-quick server config of `revision`, as `wg setconf` reads it."""
        out = os.path.join(self.work, "compiled-" + name)
        run([self.wgc, "compile", self.repository, "--rev", revision, "--out", out, "--key-dir", self.key_dir])
        source = os.path.join(self.work, self.wg_interface + ".conf")
        shutil.copy(os.path.join(out, NODE, "wireguard", self.interface + ".conf"), source)
        stripped = run(["wg-quick", "strip", source])
        os.unlink(source)
        peers = stripped.count("[Peer]")
        if peers != CLIENTS:
            raise RuntimeError(f"the compiled config has {peers} peers, not {CLIENTS}")
        path = os.path.join(self.work, f"{name}.conf")
        # Another port: wgc's interface is up beside this one in the namespace, on the inventory's.
        stripped = re.sub(r"(?m)^ListenPort = .*$", f"ListenPort = {WG_PORT}", stripped)
        with open(path, "w") as f:
            f.write(stripped.replace("[Interface]\n", f"[Interface]\nPrivateKey = {self.private_key}\n", 1))
        return path

    # wgc's commands.

    def state_dir(self, name):
        return os.path.join(self.work, "state-" + name)

    def router_options(self):
        return ["--key-dir", self.key_dir, "--secret-dir", self.secret_dir, "--bird-socket", self.bird_socket,
                "--bird-config", self.bird_config, "--radvd-config", os.path.join(self.work, "radvd.conf"),
                "--radvd-pidfile", os.path.join(self.work, "radvd.pid")]

    def apply(self, revision, state="steady"):
        return [self.wgc, "apply", self.repository, "--rev", revision, "--node", NODE, "--state-dir",
                self.state_dir(state)] + self.router_options()

    def agent(self, state="steady", extra=("--once",)):
        return [self.wgc, "agent", "--repo", self.repository, "--node", NODE, "--state-dir",
                self.state_dir(state)] + self.router_options() + list(extra)

    def peer_count(self, interface):
        return run(["wg", "show", interface, "peers"]).count("\n")


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def daemon_cycles(lab, seconds):
    """The running agent's own CPU per cycle and wireguard-go's, over `seconds` of cycles 1 s apart."""
    log_path = os.path.join(lab.work, "agent.log")
    log = open(log_path, "w")
    lab.daemon = subprocess.Popen(lab.agent(extra=["--interval", "1s", "--log-format", "json"]),
                                  stdout=log, stderr=log)
    deadline = time.monotonic() + 60
    while open(log_path).read().count('"cycle"') < 2:
        if lab.daemon.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("the agent daemon did not cycle: " + open(log_path).read())
        time.sleep(0.05)
    wireguard_go = lab.wireguard_go_pids(lab.interface)
    started_cycles = open(log_path).read().count('"cycle"')
    agent_before = cpu_seconds(lab.daemon.pid)
    go_before = sum(cpu_seconds(pid) for pid in wireguard_go)
    time.sleep(seconds)
    agent_after = cpu_seconds(lab.daemon.pid)
    go_after = sum(cpu_seconds(pid) for pid in wireguard_go)
    text = open(log_path).read()
    cycles = text.count('"cycle"') - started_cycles
    lab.daemon.terminate()
    lab.wait_or_kill(lab.daemon)
    unchanged = text.count('"outcome":"unchanged"')
    if cycles <= 0 or unchanged < cycles:
        raise RuntimeError("the daemon's cycles were not all 'unchanged': " + text[-2000:])
    return cycles, (agent_after - agent_before) / cycles, (go_after - go_before) / cycles


def log_objects(path):
    """The JSON objects of a log file, one per line (others skipped)."""
    objects = []
    for line in open(path).read().splitlines():
        try:
            objects.append(json.loads(line))
        except ValueError:
            continue
    return objects


def daemon_changes(lab, rounds):
    """A running agent (cycles 1 s apart) while its branch moves between the two commits, one client's key apart:
    for each cycle that applies the move, its duration (fetch, compile from the revision before, apply, verify,
    record) and its compile and apply parts, as the agent's JSON log gives them."""
    log_path = os.path.join(lab.work, "agent-changes.log")
    log = open(log_path, "w")
    lab.daemon = subprocess.Popen(lab.agent(extra=["--interval", "1s", "--log-format", "json"]),
                                  stdout=log, stderr=log)
    samples, steps = [], []
    try:
        deadline = time.monotonic() + 60
        while not any(o.get("message") == "cycle" for o in log_objects(log_path)):
            if lab.daemon.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the agent daemon did not cycle: " + open(log_path).read())
            time.sleep(0.05)
        target = lab.base
        for _ in range(rounds):
            seen = len(log_objects(log_path))
            git(lab.repository, "update-ref", "refs/heads/main", target)
            deadline = time.monotonic() + 30
            while True:
                objects = log_objects(log_path)[seen:]
                cycle = next((o for o in objects if o.get("message") == "cycle" and o.get("commit") == target), None)
                if cycle:
                    break
                if lab.daemon.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the daemon did not apply the move: " + open(log_path).read()[-3000:])
                time.sleep(0.02)
            if cycle.get("outcome") != "applied":
                raise RuntimeError(f"the daemon's cycle was {cycle.get('outcome')}: {cycle}")
            compiled = next(o for o in objects if o.get("message") == "compiled")
            applied = next(o for o in objects if o.get("message") == "applied and verified")
            samples.append((float(cycle["duration_ms"]), float(compiled["compile_ms"]), float(applied["apply_ms"])))
            steps.append({key: float(value) for key, value in applied.items() if key.endswith("_ms")})
            target = lab.head if target == lab.base else lab.base
    finally:
        lab.daemon.terminate()
        lab.wait_or_kill(lab.daemon)
        git(lab.repository, "update-ref", "refs/heads/main", lab.head)
    step_medians = {name: statistics.median(s.get(name, 0) for s in steps) for name in steps[0]} if steps else {}
    return [statistics.median(column) for column in zip(*samples)], [s[0] for s in samples], step_medians


def benchmark(lab, runs):
    interface, wg_interface = lab.interface, lab.wg_interface
    print(f"\n[agent] one node, one wireguard-go server, {CLIENTS:,} clients; namespace {lab.namespace}, "
          f"interface {interface} (wgc) and {wg_interface} (wg)")
    print(f"  {'':<52} {'median':>11}      {'[min-max]':>13} {'':>7}        peak RSS")

    print("full apply onto a fresh interface")
    go = median_of(runs, ["wireguard-go", wg_interface], before=lambda: lab.delete_interface(wg_interface))
    row("wireguard-go start (returns once its socket is bound)", go)
    setconf = median_of(runs, ["wg", "setconf", wg_interface, lab.base_conf],
                        before=lambda: lab.start_wireguard_go(wg_interface))
    row(f"wg setconf, {CLIENTS:,} peers", setconf)
    if lab.peer_count(wg_interface) != CLIENTS:
        raise RuntimeError("wg setconf did not set every peer")
    # A state folder of its own: each full apply records its 5,000 changes in the state's history.
    full = median_of(runs, lab.apply(lab.base, state="full"), before=lambda: lab.delete_interface(interface))
    row(f"wgc apply, {CLIENTS:,} peers (starts wireguard-go)", full)
    if lab.peer_count(interface) != CLIENTS:
        raise RuntimeError("wgc apply did not set every peer: " + full.output)
    ratio("wgc apply / wg setconf", full.wall / setconf.wall, TARGETS["full"])
    full_steps = step_times(runs, lab.apply(lab.base, state="full") + ["--log-format", "json"],
                            before=lambda: lab.delete_interface(interface))
    print(f"  {'':<52} of which, as wgc apply logs them: compile {full_steps.get('compile_ms', 0):.0f} ms, "
          f"apply and verify {full_steps.get('apply_ms', 0):.0f} ms ({steps_line(full_steps)})")
    print(f"  {'':<52} wgc apply / (wireguard-go start + wg setconf) {full.wall / (go.wall + setconf.wall):6.2f}x")

    print("one peer's key changed, the interface holding 5,000 peers")
    # The router as after its first install: one full apply (one entry of 5,000 changes in its history).
    lab.delete_interface(interface)
    run(lab.apply(lab.base))
    syncconf = median_of(runs, ["wg", "syncconf", wg_interface, lab.head_conf],
                         before=lambda: run(["wg", "syncconf", wg_interface, lab.base_conf]))
    row("wg syncconf", syncconf)
    one = median_of(runs, lab.apply(lab.head), before=lambda: run(lab.apply(lab.base)))
    row("wgc apply HEAD (after wgc apply HEAD~1)", one)
    if "changed" not in one.output and "added" not in one.output:
        raise RuntimeError("wgc apply HEAD changed no peer: " + one.output)
    ratio("wgc apply / wg syncconf", one.wall / syncconf.wall, TARGETS["one-peer"])
    ratio("wgc apply, absolute", one.wall * 1000, TARGETS["one-peer-ms"], " ms")
    steps = step_times(runs, lab.apply(lab.head) + ["--log-format", "json"], before=lambda: run(lab.apply(lab.base)))
    print(f"  {'':<52} of which, as wgc apply logs them: compile {steps['compile_ms']:.0f} ms, "
          f"apply and verify {steps['apply_ms']:.0f} ms ({steps_line(steps)}; the rest: process start, reading "
          f"the revision and the "
          f"last good configuration, saving the state)")
    ratio("wgc apply's apply step / wg syncconf", steps["apply_ms"] / 1000 / syncconf.wall, TARGETS["one-peer"])
    ratio("wgc apply's apply step, absolute", steps["apply_ms"], TARGETS["one-peer-ms"], " ms")
    dump = median_of(runs, ["wg", "show", interface, "dump"])
    row("(wg show dump: reading 5,000 peers over UAPI)", dump)
    (cycle_ms, compile_ms, apply_ms), cycles, steps = daemon_changes(lab, max(6, runs * 2))
    print(f"  {'wgc agent daemon, a cycle applying it (' + str(len(cycles)) + ' moves of main)':<52} "
          f"{cycle_ms:8.1f} ms wall     [{min(cycles):.0f}-{max(cycles):.0f}]   fetch to recorded; of which compile "
          f"{compile_ms:.0f} ms (from the revision before), apply and verify {apply_ms:.0f} ms")
    print(f"  {'':<52} apply and verify by step (medians): {steps_line(steps)}")
    ratio("daemon cycle / wg syncconf", cycle_ms / 1000 / syncconf.wall, TARGETS["one-peer"])
    ratio("daemon cycle, absolute", cycle_ms, TARGETS["one-peer-ms"], " ms")

    print("nothing to do")
    again = median_of(runs, lab.apply(lab.head))
    row("wgc apply HEAD again", again)
    once = median_of(runs, lab.agent())
    row("wgc agent --once (boot check, fetch by path, check)", once)
    if not once.output.startswith("unchanged"):
        raise RuntimeError("wgc agent --once did something: " + once.output)
    cycles, agent_cpu, go_cpu = daemon_cycles(lab, max(5, runs * 2))
    print(f"  {'wgc agent daemon, per cycle (' + str(cycles) + ' cycles 1 s apart)':<52} "
          f"{agent_cpu * 1000:8.1f} ms cpu of wgc, {go_cpu * 1000:.1f} ms cpu of wireguard-go")

    print("where the time goes")
    validate = median_of(runs, [lab.wgc, "validate", lab.repository, "--rev", lab.head])
    row("wgc validate --rev HEAD (read from git, check)", validate)
    out = tempfile.mkdtemp(prefix="wgc-agent-bench-", dir="/dev/shm" if os.path.isdir("/dev/shm") else lab.work)
    try:
        compiled = median_of(runs, [lab.wgc, "compile", lab.repository, "--rev", lab.head, "--out", out,
                                    "--key-dir", lab.key_dir], before=lambda: shutil.rmtree(out, ignore_errors=True))
    finally:
        shutil.rmtree(out, ignore_errors=True)
    row("wgc compile --rev HEAD, new folder on tmpfs", compiled)
    version = median_of(runs, [lab.wgc, "version"])
    row("wgc version (process start)", version)
    lab.enter(lab.home_namespace)
    try:
        netns = median_of(runs, ["ip", "netns", "exec", lab.namespace, "true"])
    finally:
        lab.enter(f"/run/netns/{lab.namespace}")
    row("ip netns exec NS true (not in the figures above)", netns)
    sizes = {name: os.path.getsize(os.path.join(lab.state_dir("steady"), name))
             for name in ["state.json", "applied-configuration.json"]}
    print("  the agent's files, read and written as JSON on each apply: "
          + ", ".join(f"{name} {size / 1e6:.2f} MB" for name, size in sizes.items()))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wgc", required=True, help="the wgc binary to measure")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("the agent benchmark needs root (network namespaces, wireguard-go)")
    for program in ["ip", "wireguard-go", "wg", "wg-quick", "bird", "git", "pgrep"]:
        if not shutil.which(program):
            sys.exit(f"the agent benchmark needs {program}")
    # SIGTERM and SIGHUP unwind like Ctrl-C, so the finally below always runs.
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, lambda *_: sys.exit("stopped by signal"))
    work = tempfile.mkdtemp(prefix="wgc-agent-bench.")
    lab = Lab(os.path.abspath(args.wgc), work)
    try:
        lab.open()
        lab.make_repository()
        print(f"machine: {os.cpu_count()} cores; median of {args.runs} runs after one warm-up, [fastest-slowest]; "
              f"cpu is user+sys of the command itself (not of wireguard-go); peak RSS (wait4) includes the forked "
              f"Python's ~25 MB")
        benchmark(lab, args.runs)
    except RuntimeError as error:
        sys.exit(f"agent benchmark failed: {error}")
    finally:
        lab.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
