"""A team's shared PostgreSQL server across a network: the pages' reads with 20 ms added to every round trip.

Starts a throwaway PostgreSQL server on 127.0.0.1 (from the system's server binaries) and a small proxy in
front of it, also on 127.0.0.1, that holds every chunk the app sends for 20 ms before passing it on: a
round trip to a server down the corridor or across town. For the dashboard, a cycle page and the register
(the same services the pages call), on 180 and on 1,800 cycles, prints

- the time through the proxy as a ratio of the time straight to the server. Goal: <= 1.5x (a view that
  sends a query per row pays the 20 ms per row and shows it at once);
- the SQL statements each view sends, on 180 and on 1,800 cycles. Goal: the same count (the test
  tests/db/test_statement_counts.py holds it on every run).

Run: `.venv/bin/python benchmarks/bench_team_network.py`
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import build  # noqa: E402
from benchmarks.timing import interleaved  # noqa: E402
from tests.db.page_views import VIEWS, statements  # noqa: E402
from tests.db.test_postgres import _server_bin  # noqa: E402
from tracker.services.factory import open_services  # noqa: E402

DELAY = 0.020  # seconds added to each round trip
LOOPBACK = "127.0.0.1"


class DelayProxy:
    """Passes TCP traffic between the app and the server, holding each chunk from the app for `delay`
    seconds (answers come back at once). Listens on the loopback address only."""

    def __init__(self, target_port: int, delay: float) -> None:
        self.target_port, self.delay = target_port, delay
        self.listener = socket.create_server((LOOPBACK, 0))
        self.port = self.listener.getsockname()[1]
        self.closing = threading.Event()
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closing.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection((LOOPBACK, self.target_port))
            for sock in (client, server):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.sockets += [client, server]
            held: deque[tuple[float, bytes]] = deque()
            ready = threading.Condition()
            threading.Thread(target=self._hold, args=(client, held, ready), daemon=True).start()
            threading.Thread(target=self._release, args=(server, held, ready), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client), daemon=True).start()

    def _hold(self, source: socket.socket, held: deque, ready: threading.Condition) -> None:
        while True:
            try:
                chunk = source.recv(65536)
            except OSError:
                chunk = b""
            with ready:
                held.append((time.perf_counter() + self.delay, chunk))
                ready.notify()
            if not chunk:
                return

    def _release(self, target: socket.socket, held: deque, ready: threading.Condition) -> None:
        while True:
            with ready:
                while not held:
                    ready.wait()
                due, chunk = held.popleft()
            wait = due - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            if not chunk:
                with contextlib.suppress(OSError):
                    target.shutdown(socket.SHUT_WR)
                return
            try:
                target.sendall(chunk)
            except OSError:
                return

    @staticmethod
    def _pipe(source: socket.socket, target: socket.socket) -> None:
        while True:
            try:
                chunk = source.recv(65536)
                if not chunk:
                    break
                target.sendall(chunk)
            except OSError:
                break
        with contextlib.suppress(OSError):
            target.shutdown(socket.SHUT_WR)

    def close(self) -> None:
        self.closing.set()
        for sock in (self.listener, *self.sockets):
            with contextlib.suppress(OSError):
                sock.close()


@contextlib.contextmanager
def postgres_server():
    """A throwaway cluster listening on 127.0.0.1; yields its port."""
    bindir = _server_bin()
    if bindir is None:
        sys.exit("no PostgreSQL server binaries on this machine: install them to run this benchmark")
    folder = Path(tempfile.mkdtemp(prefix="pcp-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        shutil.chown(folder, "postgres")
        folder.chmod(0o777)
        prefix = ["runuser", "-u", "postgres", "--"]
    with socket.create_server((LOOPBACK, 0)) as probe:
        port = probe.getsockname()[1]
    data, pg_ctl = folder / "data", str(bindir / "pg_ctl")

    def run(*args: str, check: bool = True) -> None:
        subprocess.run([*prefix, *args], check=check, capture_output=True, timeout=120)

    run(str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "tracker", "--no-sync")
    options = f"-k {folder} -c listen_addresses={LOOPBACK} -p {port} -c fsync=off"
    run(pg_ctl, "-D", str(data), "-l", str(folder / "log"), "-w", "-o", options, "start")
    try:
        yield port
    finally:
        run(pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop", check=False)
        shutil.rmtree(folder, ignore_errors=True)


def store(port: int, name: str) -> str:
    return f"postgresql://tracker@{LOOPBACK}:{port}/{name}"


def main() -> None:
    with postgres_server() as port:
        from sqlalchemy import create_engine, text

        admin = create_engine(
            f"postgresql+psycopg://tracker@{LOOPBACK}:{port}/postgres", isolation_level="AUTOCOMMIT"
        )
        sizes = {"180 cycles": ("small", 45), "1,800 cycles": ("large", 450)}
        for name, bodies in sizes.values():
            with admin.connect() as connection:
                connection.execute(text(f"CREATE DATABASE {name}"))
            build(store(port, name), bodies=bodies)
        admin.dispose()
        proxy = DelayProxy(port, DELAY)
        counts: dict[str, dict[str, int]] = {}
        try:
            for label, (name, _bodies) in sizes.items():
                direct = open_services(store(port, name))
                delayed = open_services(store(proxy.port, name))
                print(
                    f"{label}: through the proxy (+{DELAY * 1000:.0f} ms a round trip) vs straight to the server"
                )
                for view_name, view in VIEWS.items():
                    counts.setdefault(view_name, {})[label] = statements(direct, view)
                    cases = {"direct": partial(view, direct), "delayed": partial(view, delayed)}
                    times = interleaved(5, cases)
                    base, ours = times["direct"], times["delayed"]
                    print(
                        f"  {view_name:<12} {base * 1000:8.1f} ms -> {ours * 1000:8.1f} ms "
                        f"({ours / base:.2f}x, goal <= 1.5x)"
                    )
                direct.dispose()
                delayed.dispose()
        finally:
            proxy.close()
        print("SQL statements per showing (goal: the same on 180 and on 1,800 cycles)")
        for view_name, by_size in counts.items():
            shown = ", ".join(f"{n} on {label}" for label, n in by_size.items())
            print(f"  {view_name:<12} {shown}")


if __name__ == "__main__":
    main()
