"""Chat: 200 open sockets on one ASGI process, message round trip beside a plain HTTP call.

Issue 9. One Daphne process (the production ASGI server) serves Indgang with
the Redis channel layer (REDIS_URL must be set; without it the benchmark says
so and stops). 200 citizens start a chat through the API and keep their
WebSocket `/ws/chat/<id>/?token=…` open all through the run. Then, one message
at a time, a citizen posts a message (`POST …/messages/` with its token) and
the time is taken until that message arrives on the citizen's own socket (the
server sends it to the conversation's group through Redis): the **round
trip**. In the same run, interleaved, a plain HTTP call of the same server —
`GET /api/v1/chat/conversations/<id>/` (the conversation's state) — is timed
as the baseline. Printed: p50/p95 of both and the ratio, plus how many sockets
were still open at the end.

The server runs with `DEBUG=0` on the benchmark's database (SQLite by
default, PostgreSQL with DATABASE_URL), the chat start throttle lifted.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOCKETS = 200
MESSAGES = 400
WARM_UP = 20


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _http(method: str, url: str, body: dict | None = None, headers: dict | None = None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    for key, value in (headers or {}).items():
        request.add_header(key, value)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, json.loads(response.read() or b"null")


def _wait_for(url: str, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer {url}")


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _measure(base: str, ws_base: str, chats: list[dict]) -> dict:
    import websockets

    inboxes: dict[str, asyncio.Queue] = {c["id"]: asyncio.Queue() for c in chats}
    sockets = []

    async def reader(chat_id: str, ws) -> None:
        try:
            async for raw in ws:
                event = json.loads(raw)
                if event.get("type") == "message":
                    await inboxes[chat_id].put(event)
        except websockets.ConnectionClosed:
            pass

    for chat in chats:
        ws = await websockets.connect(
            f"{ws_base}/ws/chat/{chat['id']}/?token={chat['token']}",
            origin=base,
            open_timeout=30,
            max_queue=None,
        )
        sockets.append(ws)
        asyncio.get_running_loop().create_task(reader(chat["id"], ws))

    round_trips: list[float] = []
    plain: list[float] = []
    for i in range(WARM_UP + MESSAGES):
        chat = chats[i % len(chats)]
        headers = {"X-Chat-Token": chat["token"]}
        client_id = str(uuid.uuid4())
        start = time.perf_counter()
        _status, answer = await asyncio.to_thread(
            _http,
            "POST",
            f"{base}/api/v1/chat/conversations/{chat['id']}/messages/",
            {"text": f"Besked {i}", "client_id": client_id},
            headers,
        )
        seq = answer["seq"]
        while True:
            event = await asyncio.wait_for(inboxes[chat["id"]].get(), timeout=30)
            if event["seq"] == seq:
                break
        elapsed = time.perf_counter() - start
        start = time.perf_counter()
        await asyncio.to_thread(
            _http, "GET", f"{base}/api/v1/chat/conversations/{chat['id']}/", None, headers
        )
        plain_elapsed = time.perf_counter() - start
        if i >= WARM_UP:
            round_trips.append(elapsed * 1000)
            plain.append(plain_elapsed * 1000)
    open_at_end = sum(1 for ws in sockets if ws.state.name == "OPEN")
    for ws in sockets:
        await ws.close()
    return {"round_trips": round_trips, "plain": plain, "open_at_end": open_at_end}


def run() -> None:
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        print("Skipped: needs REDIS_URL (the Redis channel layer).")
        return
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-" + "x" * 60),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CHAT_START_RATE": "1000000/minute",
        "API_ANON_RATE": "1000000/minute",
        "LOG_LEVEL": "WARNING",
    }
    daphne = Path(sys.executable).with_name("daphne")
    server = subprocess.Popen(
        [str(daphne), "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(f"{base}/healthz")
        chats = []
        for i in range(SOCKETS):
            _status, answer = _http(
                "POST", f"{base}/api/v1/chat/conversations/", {"question": f"Spørgsmål {i}"}
            )
            chats.append(answer)
        figures = asyncio.run(_measure(base, f"ws://127.0.0.1:{port}", chats))
    finally:
        server.terminate()
        server.wait(timeout=30)

    trips, plain = figures["round_trips"], figures["plain"]
    p50, p95 = statistics.median(trips), _pct(trips, 0.95)
    b50, b95 = statistics.median(plain), _pct(plain, 0.95)
    print(
        f"{SOCKETS} chat sockets open on one Daphne process (Redis channel layer); "
        f"{figures['open_at_end']} still open at the end"
    )
    print(
        f"Message round trip (POST → own socket), {len(trips)} messages: "
        f"p50 {p50:.1f} ms, p95 {p95:.1f} ms"
    )
    print(f"Plain HTTP call (GET conversation state), same run: p50 {b50:.1f} ms, p95 {b95:.1f} ms")
    print(f"Ratio round trip / plain HTTP: p50 {p50 / b50:.2f}, p95 {p95 / b95:.2f}")
