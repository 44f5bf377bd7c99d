#!/usr/bin/env python3
"""The API reference's Python example ("Python示例" in the reference), step for step, with `requests`, against a
running `wgc serve`, and with assertions where the example only prints:

  1. POST /api/v1/auth/login                 -> 200 and an access_token (a bearer token)
  2. GET  /api/v1/bgp/sessions (the token)    -> 200 and a JSON array of sessions
  3. POST /api/v1/bgp/sessions peer-2         -> 201, the session as created, and it is in the list afterwards

usage: reference_example.py BASE_URL USERNAME PASSWORD     (BASE_URL like http://127.0.0.1:8000)

Exits 0 when every step answered as the reference says; an AssertionError (exit 1) names the step that did not.
The inventory must have no session named peer-2 yet and accept one at 192.168.1.3 (examples/inventory does).
"""
import sys

import requests  # a missing `requests` is a failure, not a skip: CI installs it (scripts/install-deps)


def main(base_url, username, password):
    api = base_url.rstrip("/") + "/api/v1"

    # 登录获取令牌 — log in for a token
    login_data = {"username": username, "password": password}
    response = requests.post(f"{api}/auth/login", json=login_data, timeout=30)
    assert response.status_code == 200, f"login: {response.status_code} {response.text}"
    login = response.json()
    token = login["access_token"]
    assert isinstance(token, str) and token, f"login: no access_token in {login}"
    assert login["token_type"] == "bearer", f"login: token_type {login.get('token_type')!r}"
    assert login["user"]["username"] == username, f"login: user {login.get('user')}"

    # 设置请求头 — the headers of every later request
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    # 获取BGP会话列表 — list the BGP sessions
    response = requests.get(f"{api}/bgp/sessions", headers=headers, timeout=30)
    assert response.status_code == 200, f"list: {response.status_code} {response.text}"
    sessions = response.json()
    assert isinstance(sessions, list), f"list: not a JSON array: {sessions!r}"
    assert all({"id", "name", "neighbor", "remote_as"} <= set(s) for s in sessions), f"list: {sessions}"
    assert "peer-2" not in {s["name"] for s in sessions}, "list: peer-2 exists already"
    print(f"找到 {len(sessions)} 个BGP会话")

    # 创建新的BGP会话 — create a BGP session
    new_session = {
        "name": "peer-2",
        "neighbor": "192.168.1.3",
        "remote_as": 65003,
        "hold_time": 180,
        "description": "新的对等体",
    }
    response = requests.post(f"{api}/bgp/sessions", headers=headers, json=new_session, timeout=60)
    assert response.status_code == 201, f"create: {response.status_code} {response.text}"
    created = response.json()
    for field, value in new_session.items():
        assert created[field] == value, f"create: {field} is {created.get(field)!r}, sent {value!r}"
    assert created["id"], f"create: no id in {created}"
    print("BGP会话创建成功")

    response = requests.get(f"{api}/bgp/sessions", headers=headers, timeout=30)
    assert response.status_code == 200, f"list after create: {response.status_code} {response.text}"
    after = response.json()
    assert len(after) == len(sessions) + 1, f"list after create: {len(after)} sessions, {len(sessions)} before"
    assert created["id"] in {s["id"] for s in after if s["name"] == "peer-2"}, f"list after create: {after}"

    response = requests.get(f"{api}/bgp/sessions/{created['id']}", headers=headers, timeout=30)
    assert response.status_code == 200 and response.json()["neighbor"] == "192.168.1.3", \
        f"read after create: {response.status_code} {response.text}"


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
