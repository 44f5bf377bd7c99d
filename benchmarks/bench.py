#!/usr/bin/env python3
"""The measurements behind benchmarks/run: for each inventory shape and layout, the floor (a bare libyaml event
scan of the same files), then every row set of ROW_SETS, each row the median of RUNS runs after one warm-up.

A row set is a function (bench, inventory, floor) that prints rows; to measure something new (say `wgc plan`
between two revisions, or reading the inventory from a git tree rather than a checkout), write one and add it
to ROW_SETS. generate-inventory.py is deterministic, so it can build such repositories too.
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time
from dataclasses import dataclass

HERE = os.path.dirname(os.path.abspath(__file__))

# What each shape stresses; the counts themselves are generate-inventory.py's.
SHAPES = {
    "clients": "10 nodes, 10,000 clients, 1,000 /56 allocations, 50 sessions",
    "bgp": "10 nodes, 10,000 clients, 10,000 /64 allocations, 1,000 sessions (100 a node), auto-announced pools",
}
LAYOUTS = ["grouped", "per-resource"]
TARGETS = {"validate": 3, "compile": 6, "plan": 2.5, "tree": 1.5}


@dataclass
class Inventory:
    shape: str
    layout: str
    path: str
    listing: str  # a file naming every YAML file, one a line: the floor's standard input


class Bench:
    def __init__(self, work, runs, wgc, floor, wgc_bench=None):
        self.work, self.runs, self.wgc, self.floor_binary = work, runs, wgc, floor
        self.wgc_bench = wgc_bench

    def measure(self, argv, stdin_path=None, before=None):
        """Wall time (s), CPU time (s) and peak RSS (MB) of one run, from wait4's rusage."""
        if before:
            before()
        stdin = open(stdin_path) if stdin_path else subprocess.DEVNULL
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"failed: {' '.join(argv)}: {process.stderr.read().decode()}")
        return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024

    def median_of(self, argv, stdin_path=None, before=None):
        self.measure(argv, stdin_path, before)  # a warm-up run, not counted: page cache and lazy binding settle
        samples = [self.measure(argv, stdin_path, before) for _ in range(self.runs)]
        return (statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples),
                max(s[2] for s in samples))

    def row(self, label, result, floor=None, target=None):
        wall, cpu, rss = result
        ratio = f"  {wall / floor[0]:5.2f}x floor (target <= {target}x)" if floor else ""
        print(f"  {label:<44} {wall * 1000:7.1f} ms wall {cpu * 1000:7.1f} ms cpu  peak RSS {rss:6.1f} MB{ratio}")

    def note(self, label, seconds):
        print(f"  {label:<44} {seconds * 1000:7.1f} ms wall")

    def generate(self, shape, layout):
        path = os.path.join(self.work, f"{shape}-{layout}")
        subprocess.run([sys.executable, os.path.join(HERE, "generate-inventory.py"), path, "--shape", shape,
                        "--layout", layout], check=True, stdout=subprocess.DEVNULL)
        listing = path + ".files"
        with open(listing, "w") as f:
            for root, folders, names in os.walk(path):
                folders.sort()
                for name in sorted(names):
                    if name.endswith(".yaml"):
                        f.write(os.path.join(root, name) + "\n")
        return Inventory(shape, layout, path, listing)


# Row sets.

def validate_rows(bench, inventory, floor):
    bench.row("wgc validate", bench.median_of([bench.wgc, "validate", inventory.path]), floor, TARGETS["validate"])


def vrps_rows(bench, inventory, floor):
    """A validator's full export given with --vrps: once, on the grouped clients shape."""
    if (inventory.shape, inventory.layout) != ("clients", "grouped"):
        return
    vrps = os.path.join(bench.work, "vrps.json")
    if not os.path.exists(vrps):
        subprocess.run([sys.executable, os.path.join(HERE, "generate-vrps.py"), vrps, "500000"], check=True,
                       stdout=subprocess.DEVNULL)
    bench.row(f"wgc validate --vrps (500,010 VRPs, {os.path.getsize(vrps) / 1e6:.0f} MB JSON)",
              bench.median_of([bench.wgc, "validate", inventory.path, "--vrps", vrps]))


def compile_rows(bench, inventory, floor):
    """A first compile into a new folder and a recompile of an unchanged inventory, on disk and on tmpfs, after
    what just creating that many files costs there."""
    targets = [("disk", bench.work)] + ([("tmpfs", "/dev/shm")] if os.path.isdir("/dev/shm") else [])
    for name, parent in targets:
        out = tempfile.mkdtemp(prefix="wgc-bench-out-", dir=parent)
        try:
            shutil.rmtree(out)
            subprocess.run([bench.wgc, "compile", inventory.path, "--out", out], check=True,
                           stdout=subprocess.DEVNULL)
            count = sum(len(names) for _, _, names in os.walk(out)) - 1  # not the .wgc-output marker
            probe = tempfile.mkdtemp(prefix="wgc-bench-files-", dir=parent)
            started = time.perf_counter()
            for index in range(count):
                descriptor = os.open(os.path.join(probe, f"{index}.conf"), os.O_WRONLY | os.O_CREAT, 0o644)
                os.write(descriptor, b"x" * 500)
                os.close(descriptor)
            bench.note(f"(creating {count:,} files of 500 B on {name})", time.perf_counter() - started)
            shutil.rmtree(probe)
            fresh = lambda: shutil.rmtree(out, ignore_errors=True)
            bench.row(f"wgc compile, new output folder on {name}",
                      bench.median_of([bench.wgc, "compile", inventory.path, "--out", out], before=fresh),
                      floor, TARGETS["compile"])
            bench.row(f"wgc compile, unchanged output on {name}",
                      bench.median_of([bench.wgc, "compile", inventory.path, "--out", out]),
                      floor, TARGETS["compile"])
        finally:
            shutil.rmtree(out, ignore_errors=True)


def git(repository, *arguments):
    environment = dict(os.environ, GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.net",
                       GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.net",
                       GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null",
                       GIT_CONFIG_COUNT="1", GIT_CONFIG_KEY_0="gc.auto", GIT_CONFIG_VALUE_0="0")  # gc when told
    subprocess.run(["git", "-C", repository, *arguments], check=True, stdout=subprocess.DEVNULL, env=environment)


def change_one_client(folder):
    """Gives the first client (in path order) a new public key: one peer changes."""
    paths = []
    for root, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        paths += [os.path.join(root, name) for name in names if name.endswith(".yaml")]
    for path in sorted(paths):
        text = open(path).read()
        start = text.find("kind: WireGuardClient")
        if start < 0:
            continue
        key = text.index("public_key:", start)
        end = text.index("\n", key)
        open(path, "w").write(text[:key] + "public_key: " + "A" * 42 + "E=" + text[end:])
        return
    sys.exit("no client to change")


def git_rows(bench, inventory, floor):
    """The inventory as a repository of two commits that differ by one client's key: `wgc plan` between them
    against one `wgc compile` of head (new output folder on tmpfs, measured here, in the same run), and reading
    the inventory from head's tree against reading the same files from the checkout (in process, wgc-bench)."""
    repository = inventory.path + ".git-repo"
    shutil.copytree(inventory.path, repository)
    git(repository, "init", "-q", "-b", "main")
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "base")
    change_one_client(repository)
    git(repository, "commit", "-q", "-a", "-m", "one client's key changed")
    git(repository, "gc", "-q")
    try:
        parent = "/dev/shm" if os.path.isdir("/dev/shm") else bench.work
        out = os.path.join(tempfile.mkdtemp(prefix="wgc-bench-out-", dir=parent), "out")
        fresh = lambda: shutil.rmtree(out, ignore_errors=True)
        compiled = bench.median_of([bench.wgc, "compile", repository, "--out", out], before=fresh)
        fresh()
        bench.row("wgc compile of head, new folder on tmpfs", compiled, floor, TARGETS["compile"])
        plan = bench.median_of([bench.wgc, "plan", repository, "--base", "HEAD~1"])
        bench.row("wgc plan HEAD~1 -> HEAD (one client changed)", plan)
        print(f"  {'':<44} plan / compile {plan[0] / compiled[0]:5.2f}x (target <= {TARGETS['plan']}x)")
        if bench.wgc_bench:
            result = subprocess.run([bench.wgc_bench, "read-tree", repository, "", "HEAD", repository,
                                     str(bench.runs)], check=True, capture_output=True, text=True)
            print(f"  {result.stdout.strip()} (target <= {TARGETS['tree']}x)")
    finally:
        shutil.rmtree(repository, ignore_errors=True)


ROW_SETS = [validate_rows, vrps_rows, compile_rows, git_rows]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wgc", required=True, help="the wgc binary to measure")
    parser.add_argument("--floor", required=True, help="the yaml-floor binary")
    parser.add_argument("--work", required=True, help="a scratch folder")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--wgc-bench", help="the wgc-bench binary (reading a git tree against a checkout)")
    parser.add_argument("--shape", action="append", choices=list(SHAPES), help="default: every shape")
    parser.add_argument("--layout", action="append", choices=LAYOUTS, help="default: every layout")
    args = parser.parse_args()
    bench = Bench(args.work, args.runs, args.wgc, args.floor, args.wgc_bench)
    print(f"machine: {os.cpu_count()} cores, {int(open('/proc/meminfo').readline().split()[1]) // 1024} MB RAM; "
          f"median of {args.runs} runs after one warm-up; cpu is user+sys of all threads; "
          f"peak RSS is the largest of the runs (wait4 ru_maxrss)")
    for shape in args.shape or list(SHAPES):
        for layout in args.layout or LAYOUTS:
            inventory = bench.generate(shape, layout)
            paths = [line.strip() for line in open(inventory.listing)]
            size = sum(os.path.getsize(p) for p in paths)
            print(f"\n[{shape}, {layout}] {SHAPES[shape]}: {len(paths)} YAML files, {size / 1e6:.1f} MB")
            floor = bench.median_of([bench.floor_binary], inventory.listing)
            bench.row("libyaml event scan (the floor)", floor)
            for rows in ROW_SETS:
                rows(bench, inventory, floor)


if __name__ == "__main__":
    main()
