"""kill -9 under load: is every acknowledged turn in the database?

    python bench/kill9.py [--trials 10] [--seconds 2] [--connections 8] [--workers 2]

Each trial starts `python -m estel serve` (offline brain, a fresh SQLite file), runs whole
interviews from client threads (each turn answers the state just sent), and SIGKILLs the whole
server process group at a random moment under load. Then it compares what the clients were
told (a 200 reply: the turn is saved) with the committed rows: a session whose row holds fewer
answers than its last acknowledged turn, or is not completed after an acknowledged final
feedback, is lost. Prints each trial and the total; exit status 1 if anything was lost.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))

from http_load import Interviewer  # noqa: E402  (the bench's own client)


@dataclass
class Trial:
    acknowledged_turns: int = 0
    sessions: dict[str, tuple[int, bool]] = field(default_factory=dict)  # id -> (answers, done)
    lost: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    kill_at: int = 0  # the acknowledged turn on whose arrival the server is killed (0: never)
    kill: object = None  # called once, by the thread that saw that turn acknowledged

    def acknowledge(self, session: str, reply: dict) -> None:
        turn = reply["payload"]
        finished = turn["payload"]["kind"] == "feedback"
        state = turn["session_state"]
        answers = sum(1 for item in state["transcript"] if "answer" in item)
        with self.lock:
            self.acknowledged_turns += 1
            self.sessions[session] = (answers, finished)
            due = self.acknowledged_turns == self.kill_at
        if due and callable(self.kill):
            # the moment a reply has arrived: if the service replied before committing, this
            # is when its write is most likely still in flight
            self.kill()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "ESTEL_DB_PATH": str(db), "ESTEL_RATE_LIMIT_PER_MINUTE": "1000000000",
           "ESTEL_API_TOKEN": "", "OPENAI_API_KEY": "", "OPENAI_BASE_URL": "",
           "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "estel", "serve", "--port", str(port), "--workers", str(workers),
         "--brain", "offline", "--no-access-log", "--log-level", "critical"],
        env=env, cwd=db.parent, start_new_session=True,  # its own group: one kill takes all
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return proc, url
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGKILL)
    raise SystemExit("the server did not start")


def client(url: str, offset: int, trial: Trial, stop: threading.Event) -> None:
    import httpx

    interviews = Interviewer(offset)
    with httpx.Client(base_url=url, timeout=10) as http:
        while not stop.is_set():
            body, headers = interviews.next_request()
            try:
                reply = http.post("/v1/brain", content=body,
                                  headers={"content-type": "application/json", **headers})
            except httpx.HTTPError:  # the server is gone: nothing more was acknowledged
                return
            if reply.status_code == 200:
                trial.acknowledge(reply.headers["estel-session"], reply.json())
            interviews.took(reply.status_code, dict(reply.headers), reply.content)


def compare(trial: Trial, db: Path) -> None:
    """Every acknowledged turn must be in a committed row."""
    with contextlib.closing(sqlite3.connect(db)) as conn:
        try:
            rows = {row[0]: (row[1], row[2]) for row in conn.execute(
                "select id, status, transcript from interview_sessions")}
        except sqlite3.OperationalError:  # killed before the schema was made: nothing saved
            rows = {}
    for session, (answers, finished) in trial.sessions.items():
        if session not in rows:
            trial.lost.append(session)
            continue
        status, transcript = rows[session]
        stored = sum(1 for item in json.loads(transcript) if item.get("answer") is not None)
        if stored < answers or (finished and status != "completed"):
            trial.lost.append(session)


def run_trial(seconds: float, connections: int, workers: int, seed: int) -> Trial:
    """Load for a random 50-100% of `seconds` (after every client's first turn), then SIGKILL
    the server group right as a reply arrives."""
    trial = Trial()
    with tempfile.TemporaryDirectory(prefix="estel-kill9-") as tmp:
        db = Path(tmp) / "estel.db"
        proc, url = start_server(db, workers)
        killed = threading.Event()

        def kill() -> None:
            os.killpg(proc.pid, signal.SIGKILL)  # master and workers, mid-write if so
            killed.set()

        trial.kill = kill
        stop = threading.Event()
        threads = [threading.Thread(target=client, args=(url, k, trial, stop), daemon=True)
                   for k in range(connections)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 60
        while trial.acknowledged_turns < connections and time.monotonic() < deadline:
            time.sleep(0.01)  # under load first: every client is past its first turn
        time.sleep(seconds * random.Random(seed).uniform(0.5, 1.0))
        with trial.lock:
            trial.kill_at = trial.acknowledged_turns + 1
        if not killed.wait(30):
            kill()
        proc.wait(timeout=30)
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        compare(trial, db)
    return trial


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=2.0,
                        help="load time before the kill (a random 50-100%% of it)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    total_sessions = total_turns = total_lost = 0
    for number in range(1, args.trials + 1):
        trial = run_trial(args.seconds, args.connections, args.workers, seed=number)
        total_sessions += len(trial.sessions)
        total_turns += trial.acknowledged_turns
        total_lost += len(trial.lost)
        print(f"trial {number:2}: {trial.acknowledged_turns:5} turns acknowledged in "
              f"{len(trial.sessions):4} sessions, lost {len(trial.lost)}", flush=True)
    print(f"kill -9 under load: {args.trials} trials, {total_turns} acknowledged turns in "
          f"{total_sessions} sessions, {total_lost} lost (load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    return 1 if total_lost else 0


if __name__ == "__main__":
    sys.exit(main())
