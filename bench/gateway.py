"""Load benchmark: a signed, database-backed read against the bare ``/ping`` of the same server, in one run.

Starts ``kuajing serve`` (uvicorn, one process) on a fresh SQLite database (or ``--db postgresql://…``), seeds the
demo developer with a few addresses, then drives both endpoints with wrk (Debian package ``wrk``): every signed
request carries its own pre-computed nonce (wrk cannot compute MD5), so the server does the whole check —
header parsing, timestamp window, key lookup, secret decryption, signature, sub-account, nonce insert — plus the
address read. Prints requests/s and p50/p99 latency for both, and their ratio. Target: signed ≥ 40 % of bare.

    python bench/gateway.py [--seconds 10] [--connections 32] [--rounds 3] [--db URL]

The two endpoints are measured in alternating rounds against the same server (the box's speed drifts between
runs; alternating keeps each ratio to neighbouring measurements), and the server process's CPU time per request is
read from /proc for each run — on a noisy machine that is steadier than requests/s.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from kuajing.protocol.signature import new_nonce, sign

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def kuajing(*args: str, env: dict[str, str]) -> str:
    return subprocess.run(
        [sys.executable, "-m", "kuajing.cli", *args], env=env, check=True, capture_output=True, text=True
    ).stdout


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wrk(url: str, seconds: int, connections: int, script: Path | None) -> dict[str, float]:
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if script:
        cmd[1:1] = ["-s", str(script)]
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    if done.stderr.strip():
        sys.exit(f"wrk failed: {done.stderr.strip()}")
    out = done.stdout

    def latency(pct: str) -> float:
        m = re.search(rf"{pct}%\s+([\d.]+)(us|ms|s)", out)
        assert m, out
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    refusal = re.search(r"first refusal: (.*)", out)
    if refusal:
        print(refusal.group(0))
    found = re.search(r"Requests/sec:\s+([\d.]+)", out)
    assert found is not None, out
    rps = float(found.group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": latency("50"), "p99": latency("99"), "errors": float(non2xx.group(1)) if non2xx else 0.0}


def signed_script(creds: dict[str, str], count: int, path: Path) -> None:
    """A wrk Lua script that sends ``count`` distinct signed header sets (one nonce each), read from a data file."""
    ts = str(time.time_ns() // 1_000_000)
    data = path.with_suffix(".txt")
    with data.open("w") as out:
        for _ in range(count):
            nonce = new_nonce()
            out.write(f"{nonce} {sign(creds['accessKey'], ts, nonce, creds['accessSecret'])}\n")
    path.write_text(
        "local sigs = {}\n"
        f'for line in io.lines("{data}") do local n, s = line:match("(%S+) (%S+)"); sigs[#sigs + 1] = {{n, s}} end\n'
        "local i = 0\n"
        "request = function()\n"
        "  i = i + 1\n"
        "  local s = sigs[i] or sigs[#sigs]  -- past the end: a replay, counted as non-2xx\n"
        f'  return wrk.format("GET", "/open/address/list", {{["access-key"]="{creds["accessKey"]}",'
        f' ["timestamp"]="{ts}", ["nonce-str"]=s[1], ["signature"]=s[2], ["user-id"]="{creds["userId"]}"}})\n'
        "end\n"
        "local shown = false\n"
        "response = function(status, headers, body)\n"
        "  if status ~= 200 and not shown then shown = true; io.write('first refusal: ' .. body .. '\\n') end\n"
        "end\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3, help="alternating runs of each endpoint")
    parser.add_argument("--db", default="")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or f"sqlite:///{tmp}/bench.db"
        env = {**os.environ, "KUAJING_DATABASE_URL": db, "KUAJING_VAR_DIR": f"{tmp}/var", "KUAJING_RUN_BACKGROUND": "0",
               "KUAJING_ERROR_HTTP_STATUS": "mirror"}  # refusals as 4xx: wrk counts them as non-2xx  # fmt: skip
        kuajing("db", "upgrade", env=env)
        creds = json.loads(kuajing("demo", "--json", env=env))
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "kuajing.cli", "serve", "--port", str(port)], env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    httpx.get(base + "/ping", timeout=1)
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            from kuajing.client import Client

            with Client(
                base_url=base,
                access_key=creds["accessKey"],
                access_secret=creds["accessSecret"],
                user_id=creds["userId"],
            ) as kj:
                for i in range(3):
                    kj.addresses.add({"fullName": f"收货人{i}", "mobile": "15068763421", "address": f"文一西路 {i} 号"})
            wrk(base + "/ping", 2, args.connections, None)  # warm-up
            runs: list[tuple[str, dict[str, float]]] = []
            for n in range(args.rounds):
                script = Path(tmp) / f"signed-{n}.lua"  # fresh nonces for every round, enough for 30k req/s
                signed_script(creds, max(50_000, args.seconds * 30_000), script)
                for name, path, lua in (("bare", "/ping", None), ("signed", "/open/address/list", script)):
                    before = cpu_seconds(server.pid)
                    result = wrk(base + path, args.seconds, args.connections, lua)
                    result["cpu_us"] = (cpu_seconds(server.pid) - before) * 1e6 / max(1.0, result["rps"] * args.seconds)
                    runs.append((name, result))
        finally:
            server.terminate()
            server.wait(timeout=10)

    dialect = "postgresql" if db.startswith("postgres") else "sqlite"
    print(f"gateway benchmark: uvicorn 1 process, wrk -t1 -c{args.connections} -d{args.seconds}s, {dialect},"
          f" {args.rounds} alternating rounds")  # fmt: skip
    print(f"{'round':<6}{'endpoint':<42}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'non-2xx':>9}{'CPU µs/req':>12}")
    labels = {"bare": "GET /ping (bare, no work)", "signed": "GET /open/address/list (signed, DB read)"}
    for i, (name, r) in enumerate(runs):
        print(f"{i // 2 + 1:<6}{labels[name]:<42}{r['rps']:>10.0f}{r['p50']:>9.2f}{r['p99']:>9.2f}{r['errors']:>9.0f}"
              f"{r['cpu_us']:>12.0f}")  # fmt: skip
    ratios = sorted(runs[i + 1][1]["rps"] / runs[i][1]["rps"] for i in range(0, len(runs), 2))
    cpu = sorted(runs[i][1]["cpu_us"] / runs[i + 1][1]["cpu_us"] for i in range(0, len(runs), 2))
    print(f"ratio signed/bare req/s per round: {', '.join(f'{r:.1%}' for r in ratios)}; median"
          f" {ratios[len(ratios) // 2]:.1%}  (target ≥ 40%)")  # fmt: skip
    print(f"ratio of server CPU per request, bare/signed, per round: {', '.join(f'{r:.1%}' for r in cpu)}; median"
          f" {cpu[len(cpu) // 2]:.1%}")  # fmt: skip


if __name__ == "__main__":
    main()
