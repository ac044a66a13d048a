"""The portal as `make bench` and `make soak` serve it: gunicorn with the production
configuration on a port of its own, and a client that asks it as a TLS-terminating proxy would
(no redirect followed)."""

import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "bench"
PYTHON = sys.executable


class Server:
    """gunicorn with the production configuration, on a port of its own."""

    def __init__(self, env: dict, port: int, label: str) -> None:
        self.env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
        self.base = f"http://127.0.0.1:{port}"
        self.log_path = OUT / f"gunicorn-{label}.log"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        gunicorn = Path(PYTHON).with_name("gunicorn")
        self.log_file = open(self.log_path, "w")  # closed in __exit__
        self.process = subprocess.Popen(
            [str(gunicorn), "-c", "citisense/gunicorn.py", "citisense.wsgi"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped; see {self.log_path}")
            try:
                if fetch(self.base + "/bench/floor/")[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit(f"gunicorn did not answer within 60 s; see {self.log_path}")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log_file.close()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(url: str, cookie: str = "", host: str = "") -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    if cookie:
        request.add_header("Cookie", cookie)
    if host:
        request.add_header("Host", host)
    try:
        with OPENER.open(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()
