"""HTTP load benchmark: `python -m estel serve --workers 2` with the offline brain, driven for
30 s by a separate load-generator process: wrk (Debian's `wrk`, when installed) or Python httpx
threads, one keep-alive connection each.

    python bench/http_load.py [--seconds 30] [--connections 4] [--workers 2] [--client wrk|httpx]

Each connection runs whole interviews, one after another (six roles in turn): a first turn, then
eight answers, each sending back the session_state and Estel-Session the server just sent. Every
interview is a new session, saved turn by turn to a temp SQLite file, and every reply is sent only
after its turn is committed. The rate limit is raised for the run; the rows saved are counted.
Prints throughput, p50/p99 latency, errors, and the RSS of every server process sampled
every 0.5 s (peak, and early vs late, to show whether it is flat).
Goals: >= 300 turns/s, p99 <= 100 ms, zero errors.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# the estel package measured: this tree's, or in a server this file starts for another tree
# (--compare), that tree's
sys.path.insert(0, os.environ.get("ESTEL_BENCH_ROOT", str(REPO)))

ROLES = ("Business Analyst", "Software Engineer", "Data Analyst", "Product Manager",
         "UX Designer", "Customer Success Manager")
ANSWERS = (
    "At my last job I owned the monthly churn report. The situation was that finance and "
    "sales disagreed on the numbers, so I mapped both definitions, ran workshops with both "
    "teams and agreed one metric. As a result reconciliation time fell from 3 days to 4 hours.",
    "I think I would ask the stakeholders first, maybe.",
    "I led a migration of 40 dashboards to a new warehouse; I wrote the test plan, paired with "
    "two engineers and we cut query cost by 35% while keeping every report on time.",
)


def interview_metas() -> list[dict]:
    """One interview setup per role (difficulties rotate), as wire JSON dicts."""
    return [{"target_role": role, "experience_level": "2-5 years",
             "difficulty": ("easy", "standard", "hard")[n % 3], "questions_target": 8}
            for n, role in enumerate(ROLES)]


def request_body(meta: dict, state: dict | None, message: str = "") -> bytes:
    return json.dumps({"message": message, "language": "en",
                       "context": {"context": "interview_session", "meta": meta,
                                   "session_state": state}}).encode()


def answer_text(number: int, interview: str) -> str:
    """The answer to question `number` of an interview: one of ANSWERS, marked with the
    interview's own reference, so no two interviews (in any run) give the same answers, as no
    two candidates do. The server may reuse what it computed earlier in the same interview,
    never what it computed for another one."""
    return f"{ANSWERS[number % len(ANSWERS)]} (ref {interview})"


class Interviewer:
    """One client's interviews, one after another: each turn answers the state the server just
    sent and names its session (Estel-Session), as a real client does; every interview is a new
    session and a new row, with answers of its own (`answer_text`)."""

    def __init__(self, offset: int) -> None:
        self.metas, self.count = interview_metas(), offset
        self.tag = uuid.uuid4().hex[:8]  # this client's own: its interviews' references
        self.meta: dict = self.metas[offset % len(self.metas)]
        self.state: dict | None = None
        self.session: str | None = None

    def next_request(self) -> tuple[bytes, dict[str, str]]:
        if self.state is None:
            self.count += 1
            self.meta = self.metas[self.count % len(self.metas)]
            return request_body(self.meta, None), {}
        answer = answer_text(self.state["question_index"], f"{self.tag}-{self.count}")
        return (request_body(self.meta, self.state, answer),
                {"estel-session": self.session or ""})

    def took(self, status: int, headers: dict[str, str], body: bytes) -> str | None:
        """Read the reply; the kind of turn acknowledged ('first', 'answer', 'final') or None."""
        if status != 200:
            self.state = None
            return None
        payload = json.loads(body)["payload"]
        kind = "first" if self.state is None else "answer"
        if payload["payload"]["kind"] == "feedback":
            self.state = None
            return "final"
        self.state, self.session = payload["session_state"], headers.get("estel-session")
        return kind


class EchoBrain:
    """A brain that costs nothing (numbered questions): isolates the HTTP layer's own cost."""

    name = "echo"
    label = "Echo (bench)"

    def turn(self, ctx):
        from estel.brains.scripted import default_draft

        return default_draft(ctx)


class MemoryStore:
    """Sessions in a dict, with the compare-and-set a real store does: isolates the cost of the
    SQLite writes (diagnostic only; nothing survives the process)."""

    description = "memory (bench)"

    def __init__(self) -> None:
        self.rows: dict = {}
        self.lock = threading.Lock()

    def save_turns(self, writes):
        from estel.store.base import SaveReceipt

        receipts = []
        with self.lock:
            for write in writes:
                current = self.rows.get(write.record.id)
                ok = (current.state_digest if current else None) == write.expected_digest
                if ok:
                    self.rows[write.record.id] = write.record
                receipts.append(SaveReceipt(saved=ok, location="memory", conflict=not ok))
        return receipts

    def get(self, session_id):
        return self.rows.get(session_id)

    def find_by_digest(self, digest, limit=8):
        return [r for r in self.rows.values() if r.state_digest == digest][:limit]


def bench_app():
    """uvicorn factory for the diagnostic variants (BENCH_BRAIN, BENCH_STORE in the env)."""
    from estel.brains.offline.bank import load_bank
    from estel.brains.offline.brain import OfflineBrain
    from estel.engine import Engine
    from estel.server import create_app

    load_bank()  # before serving, as `serve` does

    brain = EchoBrain() if os.environ.get("BENCH_BRAIN") == "echo" else OfflineBrain()
    store = MemoryStore() if os.environ.get("BENCH_STORE") == "memory" else None
    return create_app(engine=Engine(brain), store=store)


# -- load generator (runs in its own process) --------------------------------------------------

def generate(url: str, seconds: float, connections: int, warmup: float) -> dict:
    """Closed loop: each thread runs interviews, posting the next turn as soon as the last
    answer arrived."""
    import httpx

    samples: list[tuple[float, float, bool]] = []  # (sent at, latency s, ok)
    begin = time.perf_counter() + warmup
    stop = begin + seconds

    def worker(offset: int) -> None:
        client_state = Interviewer(offset)
        with httpx.Client(base_url=url, timeout=10,
                          headers={"content-type": "application/json"}) as client:
            while (sent := time.perf_counter()) < stop:
                body, headers = client_state.next_request()
                try:
                    r = client.post("/v1/brain", content=body, headers=headers)
                    ok = client_state.took(r.status_code, dict(r.headers), r.content) is not None
                except httpx.HTTPError:
                    client_state.state, ok = None, False
                if sent >= begin:
                    samples.append((sent, time.perf_counter() - sent, ok))

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(connections)]
    for t in threads:
        t.start()
    time.sleep(max(0.0, begin - time.perf_counter()))
    cpu_at_begin = time.process_time()
    for t in threads:
        t.join()
    cpu = time.process_time() - cpu_at_begin
    latencies = sorted(s[1] for s in samples)
    return {
        "requests": len(samples), "seconds": seconds,
        "errors": sum(1 for s in samples if not s[2]),
        "p50_ms": 1000 * latencies[len(latencies) // 2],
        "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
        "max_ms": 1000 * latencies[-1],
        "client_cpu_s": cpu, "begin": begin, "end": stop,
    }


# -- the same load from wrk (C, far lighter than Python on a 2-core box) -----------------------

WRK_DONE = """
done = function(summary, latency, requests)
  local e = summary.errors
  local fewest = nil  -- replies on the connection that had fewest (a stalled worker's: 0)
  for _, thread in ipairs(threads) do
    local got = thread:get("replies") or 0
    if fewest == nil or got < fewest then fewest = got end
  end
  io.write(string.format('{"requests": %d, "duration_us": %d, "non2xx": %d, "socket_errors": %d, '
    .. '"p50_us": %d, "p99_us": %d, "max_us": %d, "connect": %d, "read": %d, "write": %d, '
    .. '"timeout": %d, "fewest_replies": %d}\\n', summary.requests, summary.duration,
    e.status, e.connect + e.read + e.write + e.timeout, latency:percentile(50),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.timeout, fewest or 0))
end
"""


WRK_INTERVIEWS = """
-- one wrk thread per connection, so each thread's Lua state is one client's interview
state, session, meta, count = nil, nil, nil, 0
made, threads, replies = 0, {}, 0
setup = function(thread)  -- runs in the main Lua state: number the threads, keep them for done
  thread:set("thread_id", made)
  made = made + 1
  table.insert(threads, thread)
end
request = function()
  local headers = {['Content-Type'] = 'application/json'}
  if state == nil then
    count = count + 1
    meta = metas[(count % #metas) + 1]
    return wrk.format('POST', '/v1/brain', headers, '{"message": "", "language": "en", '
      .. '"context": {"context": "interview_session", "meta": ' .. meta
      .. ', "session_state": null}}')
  end
  headers['Estel-Session'] = session
  local index = tonumber(string.match(state, '"question_index": (%d+)'))
  -- the answer (a JSON string) with this interview's own reference, as answer_text does
  local answer = answers[(index % #answers) + 1]
  answer = string.sub(answer, 1, -2) .. ' (ref ' .. tag .. '-' .. thread_id .. '-' .. count
    .. ')"'
  return wrk.format('POST', '/v1/brain', headers, '{"message": '
    .. answer .. ', "language": "en", "context": {"context": '
    .. '"interview_session", "meta": ' .. meta .. ', "session_state": ' .. state .. '}}')
end
response = function(status, headers, body)
  replies = replies + 1
  if status ~= 200 or string.find(body, '"kind": "feedback"', 1, true) then
    state = nil
    return
  end
  -- the server writes JSON with ", " and ": " separators; %b{} takes the balanced object
  state = string.match(body, '"session_state": (%b{})')
  session = headers['estel-session'] or headers['Estel-Session']
end
"""


def wrk_script() -> str:
    """A wrk Lua script running whole interviews, each answering the state it was sent."""
    def lua_list(items: list[str]) -> str:
        assert all("]==]" not in item for item in items)
        return "{" + ", ".join(f"[==[{item}]==]" for item in items) + "}"

    metas = [json.dumps(meta) for meta in interview_metas()]
    answers = [json.dumps(answer) for answer in ANSWERS]
    tag = uuid.uuid4().hex[:8]  # this run's own: no two runs send the same answers
    return (f"metas = {lua_list(metas)}\nanswers = {lua_list(answers)}\ntag = '{tag}'\n"
            + WRK_INTERVIEWS + WRK_DONE)


WARMUP_CONNECTIONS = 16
WARM_MAX_MS = 1000  # a warm server answers every warm-up turn within this
WARMUP_LIMIT_S = 120


def warm_up(wrk: list[str], script: Path, seconds: float, url: str) -> None:
    """Warm every worker before measuring: runs of `seconds` until one has no turn slower than
    WARM_MAX_MS and a reply on every connection (at most WARMUP_LIMIT_S). The kernel hands each
    new connection to any worker, and with 4 of them a worker got none 1 time in 8; a server
    that warms up on its first turn (loading the question bank took ~2.4 s of CPU, far longer
    on a busy machine) then did so inside the measured window. WARMUP_CONNECTIONS reach every
    worker."""
    deadline = time.monotonic() + WARMUP_LIMIT_S
    while True:
        script.write_text(wrk_script())
        done = subprocess.run([*wrk, "-d", f"{max(1, round(seconds))}s", url],
                              capture_output=True, text=True, check=True)
        data = json.loads(done.stdout.strip().splitlines()[-1])
        slowest, fewest = data["max_us"] / 1000, data["fewest_replies"]
        # a turn stuck behind a cold worker never completes within the run, so it is not in
        # max_us: a connection with no reply at all is the sign of it
        if (slowest <= WARM_MAX_MS and fewest >= 2) or time.monotonic() > deadline:
            return
        print(f"warm-up: slowest turn {slowest:.0f} ms, fewest replies on a connection "
              f"{fewest}; warming up again", file=sys.stderr)


def run_wrk(url: str, seconds: float, connections: int, warmup: float, tmp: Path) -> dict:
    script = tmp / "interviews.lua"
    # wrk leaves answers slower than its --timeout (default 2 s) out of the latency histogram and
    # counts them only as "timeout": a long timeout keeps every answer in p99 and max
    def wrk(clients: int) -> list[str]:
        return ["wrk", "-t", str(clients), "-c", str(clients), "--timeout", "60s", "-s",
                str(script)]

    base = wrk(connections)
    if warmup:
        warm_up(wrk(max(connections, WARMUP_CONNECTIONS)), script, warmup, url)
    script.write_text(wrk_script())  # a new tag: the measured run's answers are new too
    begin = time.monotonic()
    proc = subprocess.Popen([*base, "-d", f"{round(seconds)}s", url], stdout=subprocess.PIPE,
                            text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    end = time.monotonic()
    if status != 0:
        raise SystemExit(f"wrk failed: {out}")
    data = json.loads(out.strip().splitlines()[-1])
    return {"requests": data["requests"], "seconds": data["duration_us"] / 1e6,
            "errors": data["non2xx"] + data["socket_errors"],
            "error_detail": f"({data['non2xx']} non-2xx; socket: {data['connect']} connect, "
                            f"{data['read']} read, {data['write']} write, "
                            f"{data['timeout']} timeout)",
            "p50_ms": data["p50_us"] / 1000,
            "p99_ms": data["p99_us"] / 1000, "max_ms": data["max_us"] / 1000,
            "client_cpu_s": usage.ru_utime + usage.ru_stime, "begin": begin, "end": end}


# -- orchestration --------------------------------------------------------------------------------

def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def process_tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        with contextlib.suppress(OSError):
            todo += [int(c) for c in Path(f"/proc/{p}/task/{p}/children").read_text().split()]
    return pids


def cpu_seconds(pids: list[int]) -> float:
    """user + system CPU of these processes so far (from /proc/<pid>/stat)."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (clock ticks)
    return total / os.sysconf("SC_CLK_TCK")


Sample = tuple[float, dict[int, int], float]  # (monotonic time, RSS KiB by pid, CPU s so far)


def sample(root: int, stop: threading.Event, out: list[Sample]) -> None:
    while not stop.wait(0.5):
        pids = process_tree(root)
        out.append((time.monotonic(), {p: rss_kib(p) for p in pids}, cpu_seconds(pids)))


def cpu_between(samples: list[Sample], begin: float, end: float) -> float:
    """Server CPU seconds spent between two monotonic times (nearest samples)."""
    first = min(samples, key=lambda s: abs(s[0] - begin))
    last = min(samples, key=lambda s: abs(s[0] - end))
    return last[2] - first[2]


def start_server(workers: int, db: Path, brain: str, store: str, root: Path = REPO
                 ) -> tuple[subprocess.Popen, str]:
    """The real `python -m estel serve` of the estel package under `root` (this tree, or a
    baseline's for --compare), or for a diagnostic variant the same app and uvicorn settings
    served from this file's factory."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "ESTEL_DB_PATH": str(db), "ESTEL_RATE_LIMIT_PER_MINUTE": "1000000000",
           "ESTEL_API_TOKEN": "", "PYTHONPATH": str(root), "ESTEL_BENCH_ROOT": str(root),
           "BENCH_BRAIN": brain,
           "BENCH_STORE": store}
    cmd = [sys.executable, "-m", "estel", "serve", "--port", str(port), "--workers",
           str(workers), "--brain", "offline", "--no-access-log", "--log-level", "warning"]
    if (brain, store) != ("offline", "sqlite"):
        cmd = [sys.executable, "-m", "uvicorn", "http_load:bench_app", "--factory", "--app-dir",
               str(Path(__file__).parent), "--port", str(port), "--workers", str(workers),
               "--no-access-log", "--log-level", "warning", "--no-server-header"]
    proc = subprocess.Popen(cmd, env=env, cwd=db.parent)
    url = f"http://127.0.0.1:{port}"
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("the server did not start")


def measure(args: argparse.Namespace, root: Path = REPO) -> dict:
    """One run: start the server of `root`, drive it, stop it; the figures as a dict."""
    load_before = os.getloadavg()[0]  # other work on the machine skews every figure
    with tempfile.TemporaryDirectory(prefix="estel-bench-") as tmp:
        proc, url = start_server(args.workers, Path(tmp) / "bench.db", args.brain, args.store,
                                 root)
        stop, rss = threading.Event(), []
        sampler = threading.Thread(target=sample, args=(proc.pid, stop, rss), daemon=True)
        sampler.start()
        try:
            result = run_load(args, url, Path(tmp))
        finally:
            stop.set()
            stopping = time.monotonic()
            proc.terminate()
            proc.wait(timeout=120)
            drain = time.monotonic() - stopping  # includes finishing the queued saves
        turns = max(1, result["requests"])
        server_cpu = cpu_between(rss, result["begin"], result["end"]) if rss else 0.0
        return {**result, "rss": rss, "drain_s": drain, "load_before": load_before,
                "rate": result["requests"] / result["seconds"],
                "server_cpu_ms": 1000 * server_cpu / turns,
                "client_cpu_ms": 1000 * result["client_cpu_s"] / turns,
                "sessions": saved_sessions(Path(tmp) / "bench.db")
                if args.store == "sqlite" else None}


def report(fig: dict, workers: int) -> None:
    print(f"turns/s      {fig['rate']:8.1f}   (goal >= 300)  over {fig['seconds']:.0f} s, "
          f"{fig['requests']} turns (whole interviews: 1 first turn + 8 answers each)")
    print(f"latency      p50 {fig['p50_ms']:.1f} ms   p99 {fig['p99_ms']:.1f} ms "
          f"(goal <= 100)   max {fig['max_ms']:.1f} ms")
    print(f"errors       {fig['errors']}   (goal 0) {fig.get('error_detail', '')}")
    print(f"cpu per turn server {fig['server_cpu_ms']:.2f} ms, load generator "
          f"{fig['client_cpu_ms']:.2f} ms (2 cores = 2000 ms of CPU per second for both)")
    rss = fig["rss"]
    if rss:
        pids = sorted({p for _, snap, _ in rss for p in snap})
        early, late = rss[min(len(rss) - 1, 10)][1], rss[-1][1]  # ~5 s in, and the end
        for p in pids:
            peak = max(snap.get(p, 0) for _, snap, _ in rss)
            print(f"rss pid {p:<7} peak {peak / 1024:6.1f} MiB   at ~5 s "
                  f"{early.get(p, 0) / 1024:6.1f} MiB   at end {late.get(p, 0) / 1024:6.1f} MiB")
        total = max(sum(snap.values()) for _, snap, _ in rss)
        print(f"rss total    peak {total / 1024:6.1f} MiB over {len(pids)} processes "
              f"(master + {workers} workers), {len(rss)} samples")
    print(f"shutdown     {fig['drain_s']:.1f} s after the run")
    if fig["sessions"]:
        print(fig["sessions"])


def figures(fig: dict) -> str:
    """The run's figures on one line (the bench's last line)."""
    met = fig["rate"] >= 300 and fig["p99_ms"] <= 100 and fig["errors"] == 0
    return (f"{fig['rate']:.1f} turns/s (goal >= 300), p99 {fig['p99_ms']:.1f} ms (goal <= 100), "
            f"{fig['errors']} errors, server CPU {fig['server_cpu_ms']:.2f} ms/turn, "
            f"load generator {fig['client_cpu_ms']:.2f} ms/turn, load average before "
            f"{fig['load_before']:.2f}: goals {'met' if met else 'NOT met'}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--connections", type=int, default=4,
                        help="keep-alive connections (default 4: two per worker keep both busy "
                             "without queueing turns behind each other)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--brain", choices=("offline", "echo"), default="offline",
                        help="echo: a brain that costs nothing, to measure the HTTP layer alone")
    parser.add_argument("--store", choices=("sqlite", "memory"), default="sqlite",
                        help="memory: sessions kept in a dict (isolates SQLite's cost)")
    parser.add_argument("--client", choices=("wrk", "httpx"),
                        default="wrk" if shutil.which("wrk") else "httpx",
                        help="load generator: wrk (apt-get install wrk; default when installed) "
                             "or Python httpx threads")
    parser.add_argument("--compare", metavar="GIT_REF",
                        help="also measure the server of GIT_REF (e.g. main), alternating runs "
                             "with this tree's, and print both side by side")
    parser.add_argument("--rounds", type=int, default=2,
                        help="with --compare: runs of each server (default 2)")
    parser.add_argument("--generate", metavar="URL", help=argparse.SUPPRESS)  # child mode
    return parser.parse_args(argv)


def main() -> int:
    args = parse_args()
    if args.generate:
        print(json.dumps(generate(args.generate, args.seconds, args.connections, args.warmup)))
        return 0
    if args.compare:
        from http_compare import compare

        return compare(args, REPO)
    fig = measure(args)
    print(f"server: {args.workers} uvicorn workers, {args.brain} brain, store {args.store}, "
          f"keep-alive; load: {args.client}, {args.connections} connections, 1 process; "
          f"load average before: {fig['load_before']:.2f}")
    report(fig, args.workers)
    print(f"http_load: {figures(fig)}")
    return 0


def saved_sessions(db: Path) -> str:
    """How many distinct sessions the run left in the file, by status."""
    import sqlite3

    with contextlib.closing(sqlite3.connect(db)) as conn:
        counts = dict(conn.execute("select status, count(*) from interview_sessions"
                                   " group by status").fetchall())
    return (f"sessions     {sum(counts.values())} distinct rows saved turn by turn "
            f"({counts.get('completed', 0)} completed, {counts.get('in_progress', 0)} in "
            "progress when the load stopped)")


def run_load(args: argparse.Namespace, url: str, tmp: Path) -> dict:
    """Drive the server from a separate process; the measured figures as a dict."""
    if args.client == "wrk":
        return run_wrk(url, args.seconds, args.connections, args.warmup, tmp)
    load = subprocess.run(
        [sys.executable, __file__, "--generate", url, "--seconds", str(args.seconds),
         "--connections", str(args.connections), "--warmup", str(args.warmup)],
        capture_output=True, text=True, check=True)
    return json.loads(load.stdout)


if __name__ == "__main__":
    sys.exit(main())
