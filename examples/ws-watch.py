#!/usr/bin/env python3
"""Prints what `wgc serve` pushes over its WebSocket, one JSON message a line, until Ctrl-C.

  examples/ws-watch.py --url http://127.0.0.1:8000 --username admin [--type bgp_status|pool_status|all|system]

The password comes from $WGC_PASSWORD or is asked for. Python's standard library only: it logs in, opens
`/api/v1/ws/{user_id}?connection_type=TYPE` with the access token in the Authorization header, answers the
server's pings, and prints every text message. An access token lives 15 minutes: the server then closes the
socket (code 1008, "the access token expired"), and this script says so and exits.
"""
import argparse, base64, getpass, json, os, secrets, socket, struct, sys, urllib.request
from urllib.parse import urlsplit


def login(url, username, password):
    request = urllib.request.Request(f"{url}/api/v1/auth/login", method="POST",
                                     data=json.dumps({"username": username, "password": password}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as answer:
        tokens = json.load(answer)
    return tokens["access_token"], tokens["user"]["id"]


def connect(url, token, user, kind):
    parts = urlsplit(url)
    if parts.scheme != "http":
        sys.exit("this example speaks plain HTTP only (for https, use a WebSocket library with TLS)")
    sock = socket.create_connection((parts.hostname, parts.port or 80))
    key = base64.b64encode(secrets.token_bytes(16)).decode()
    sock.sendall((f"GET /api/v1/ws/{user}?connection_type={kind} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
                  f"Authorization: Bearer {token}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(4096)
        if not chunk:
            sys.exit("the server closed the connection during the upgrade")
        head += chunk
    head, rest = head.split(b"\r\n\r\n", 1)
    if not head.startswith(b"HTTP/1.1 101"):
        sys.exit(f"upgrade refused ({head.splitlines()[0].decode()}); a plain GET of the URL says why")
    return sock, rest


def frames(sock, buffer):
    """Yields (opcode, payload) of each frame the server sends."""
    def need(count):
        nonlocal buffer
        while len(buffer) < count:
            chunk = sock.recv(65536)
            if not chunk:
                raise EOFError
            buffer += chunk
        taken, buffer = buffer[:count], buffer[count:]
        return taken

    while True:
        first, second = need(2)
        length = second & 0x7F
        if length == 126:
            length = struct.unpack("!H", need(2))[0]
        elif length == 127:
            length = struct.unpack("!Q", need(8))[0]
        yield first & 0x0F, need(length)


def send(sock, opcode, payload):
    mask = secrets.token_bytes(4)
    sock.sendall(bytes([0x80 | opcode, 0x80 | len(payload)]) + mask
                 + bytes(byte ^ mask[index % 4] for index, byte in enumerate(payload)))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--username", required=True)
    parser.add_argument("--type", default="all", choices=["bgp_status", "pool_status", "all", "system"])
    args = parser.parse_args()
    password = os.environ.get("WGC_PASSWORD") or getpass.getpass(f"password of {args.username}: ")
    token, user = login(args.url.rstrip("/"), args.username, password)
    sock, buffer = connect(args.url.rstrip("/"), token, user, args.type)
    try:
        for opcode, payload in frames(sock, buffer):
            if opcode == 0x1:
                print(payload.decode(), flush=True)
            elif opcode == 0x9:
                send(sock, 0xA, payload)
            elif opcode == 0x8:
                code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None
                sys.exit(f"closed by the server ({code}): {payload[2:].decode(errors='replace')}")
    except (EOFError, KeyboardInterrupt):
        pass


if __name__ == "__main__":
    main()
