#!/usr/bin/env python3
"""Writes a large, valid wgc inventory of a named shape. The output is a pure function of the arguments
(a fixed seed, no clock), so two runs give byte-identical trees, fit to commit and diff as git revisions.

Shapes (each count can be overridden with its option):
  clients  10 nodes, 10,000 clients, 1,000 allocations of a /56 (one in ten auto-announced), 50 sessions
  bgp      10 nodes, 10,000 clients, 10,000 allocations of a /64 (one per client, one in ten auto-announced),
           1,000 sessions (100 per node); every pool is auto-announced, so each session exports the pool,
           its aggregate and the node's auto-announced allocations

--layout grouped writes multi-document files (a file per node, clients 500 to a file);
--layout per-resource writes one resource per file, as the API does.
"""
import argparse, base64, ipaddress, json, os, random

SHAPES = {
    "clients": dict(nodes=10, clients=10_000, allocations=1_000, sessions=50, allocation_length=56,
                    pool_max_length=56, pool_min_length=64, announce_every=10),
    "bgp": dict(nodes=10, clients=10_000, allocations=10_000, sessions=1_000, allocation_length=64,
                pool_max_length=64, pool_min_length=128, announce_every=10),
}

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("folder")
parser.add_argument("--shape", choices=sorted(SHAPES), default="clients")
parser.add_argument("--nodes", type=int, help="default: the shape's")
parser.add_argument("--clients", type=int, help="default: the shape's")
parser.add_argument("--allocations", type=int, help="at most one per client; default: the shape's")
parser.add_argument("--sessions", type=int, help="in all, spread evenly over the nodes; default: the shape's")
parser.add_argument("--announce-every", type=int, help="auto-announce one allocation in N; default: the shape's")
parser.add_argument("--layout", choices=["grouped", "per-resource"], default="grouped")
parser.add_argument("--seed", type=int, default=20261125, help="seeds the WireGuard keys")
args = parser.parse_args()
shape = dict(SHAPES[args.shape])
for option in ["nodes", "clients", "allocations", "sessions", "announce_every"]:
    if getattr(args, option) is not None:
        shape[option] = getattr(args, option)
rng = random.Random(args.seed)

def key():
    return base64.b64encode(bytes(rng.getrandbits(8) for _ in range(32))).decode()

documents = []  # (group, name, text)
roas = []
nodes = shape["nodes"]
per_node_clients = shape["clients"] // nodes
per_node_allocations = min(shape["allocations"] // nodes, per_node_clients)
per_node_sessions = shape["sessions"] // nodes
allocation_length = shape["allocation_length"]
for n in range(nodes):
    node = f"edge-{n}"
    pool = ipaddress.IPv6Network(f"2001:db8:{n * 256:x}::/40")
    documents.append((node, node, f"""kind: Node
name: {node}
router_id: 192.0.2.{n + 1}
asn: 65001
endpoint: {node}.example.net
lan_interfaces:
  - name: eth1
    pool: pool-{n}
    rdnss: ["{pool[0x53]}"]
"""))
    documents.append((node, f"server-{n}", f"""kind: WireGuardServer
name: server-{n}
node: {node}
interface: wg0
listen_port: 51820
ipv4_address: 10.{n}.0.1/16
ipv6_address: fd00:{n:x}::1/64
dns_servers: ["9.9.9.9"]
mtu: 1420
public_key: {key()}
"""))
    documents.append((node, f"pool-{n}", f"""kind: PrefixPool
name: pool-{n}
node: {node}
prefix: {pool}
max_prefix_length: {shape["pool_max_length"]}
min_prefix_length: {shape["pool_min_length"]}
auto_announce_bgp: true
"""))
    roas.append({"asn": "AS65001", "prefix": str(pool), "maxLength": 64, "ta": "bench"})
    for s in range(per_node_sessions):
        documents.append((node, f"peer-{n}-{s}", f"""kind: BGPSession
name: peer-{n}-{s}
node: {node}
neighbor: 2001:db8:ffff:{n:x}::{s + 2:x}
remote_as: {65100 + s}
hold_time: 90
max_prefixes: 1000
"""))
    documents.append((node, f"aggregate-{n}", f"""kind: BGPAnnouncement
name: aggregate-{n}
node: {node}
prefix: {pool}
asn: 65001
"""))
    for c in range(per_node_clients):
        name = f"c{n}-{c}"
        group = f"clients-{n}-{c // 500}"
        documents.append((group, name, f"""kind: WireGuardClient
name: {name}
server: server-{n}
description: customer {c} of {node}
public_key: {key()}
ipv4_address: 10.{n}.{(c + 2) // 256}.{(c + 2) % 256}/32
ipv6_address: fd00:{n:x}::{c + 2:x}/128
allowed_ips: ["0.0.0.0/0", "::/0"]
"""))
        if c < per_node_allocations:
            # The pool's first block is left free for the node's LAN interface.
            block = pool.network_address + (c + 1) * (1 << (128 - allocation_length))
            documents.append((f"allocations-{n}", f"alloc-{name}", f"""kind: Allocation
pool: pool-{n}
prefix: {ipaddress.IPv6Address(block)}/{allocation_length}
client: {name}
auto_announce: {"true" if c % shape["announce_every"] == 0 else "false"}
"""))

os.makedirs(os.path.join(args.folder, "rpki"), exist_ok=True)
with open(os.path.join(args.folder, "rpki", "vrps.json"), "w") as f:
    json.dump({"roas": roas}, f)
if args.layout == "grouped":
    groups = {}
    for group, _, text in documents:
        groups.setdefault(group, []).append(text)
    for group, texts in groups.items():
        with open(os.path.join(args.folder, group + ".yaml"), "w") as f:
            f.write("---\n".join(texts))
else:
    for group, name, text in documents:
        folder = os.path.join(args.folder, group)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, name + ".yaml"), "w") as f:
            f.write(text)
print(f"{len(documents)} resources in {args.folder} ({args.shape} shape, {args.layout})")
