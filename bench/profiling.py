"""`make profile PAGE=…`: one benchmarked page under pyinstrument, and where its time goes.

The page is requested through Django's whole handler (every middleware, the view, the template)
through a WSGI handler as gunicorn calls it (the test client would double the CPU time): a few
times to fill the per-process caches, ``requests`` times timed, then ``requests`` times under the
profiler. Time is put in five layers:

- **queries**: inside the database driver (sending SQL, PostgreSQL's answer, parsing rows);
- **template**: inside the template engine (the outermost render and all it includes, context
  processors too), queries excepted;
- **view**: inside the view call (``BaseHandler._get_response``): selectors, forms, Python;
- **middleware**: inside the handler but outside the view: every middleware, both ways;
- **other**: outside the handler: building the request, signals, closing the response.

The timed requests give each layer's wall time and this process's CPU time (which other
processes on a shared machine disturb far less than wall time); the profiler's samples give the
call tree (HTML) and a second split of the same layers by the frames on each sample's stack.
"""

import io
import statistics
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.http.request import validate_host
from django.test import Client
from django.urls import resolve

LAYERS = ("queries", "template", "view", "middleware", "other")

_DRIVER = ("/psycopg/", "/psycopg_pool/", "/psycopg2/", "django/db/backends/")
_TEMPLATE = ("django/template/", "/jinja2/", "django/templatetags/")


def layer_of(stack: list[tuple[str, str]]) -> str:
    """The layer a sample belongs to, from its stack of ``(file path, function)``."""
    paths = [path.replace("\\", "/") for path, _function in stack]
    if any(marker in path for path in paths for marker in _DRIVER):
        return "queries"
    if any(marker in path for path in paths for marker in _TEMPLATE):
        return "template"
    handler = [
        function for path, function in stack if path.replace("\\", "/").endswith(_HANDLER_FILE)
    ]
    if "_get_response" in handler:
        return "view"
    if "get_response" in handler:
        return "middleware"
    return "other"


_HANDLER_FILE = "django/core/handlers/base.py"


def split_by_layer(root) -> dict[str, float]:
    """Seconds per layer in a pyinstrument frame tree (each frame's time not in its children)."""
    totals = dict.fromkeys(LAYERS, 0.0)

    def walk(frame, stack):
        stack = [*stack, (frame.file_path or "", frame.function or "")]
        children = frame.children
        own = frame.time - sum(child.time for child in children)
        if own > 0:
            totals[layer_of(stack)] += own
        for child in children:
            walk(child, stack)

    if root is not None:
        walk(root, [])
    return totals


def _now() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


@dataclass
class Breakdown:
    """Time per layer without the profiler, as wall time and as this process's CPU time (which
    other processes on a shared machine disturb much less): the handler, the view call and the
    outermost template render are timed, and every query's time is taken out of the layer it
    ran in. A query's CPU time is the driver's side only; its wall time includes PostgreSQL."""

    sql: list[tuple[float, str]] = field(default_factory=list)
    wall: dict[str, float] = field(default_factory=lambda: dict.fromkeys(LAYERS, 0.0))
    cpu: dict[str, float] = field(default_factory=lambda: dict.fromkeys(LAYERS, 0.0))
    _where: list[str] = field(default_factory=lambda: ["other"])

    def _charge(self, name: str, started: tuple[float, float], sign: float = 1.0) -> None:
        wall, cpu = _now()
        self.wall[name] += sign * (wall - started[0])
        self.cpu[name] += sign * (cpu - started[1])

    def __call__(self, execute, sql, params, many, context):
        started = _now()
        try:
            return execute(sql, params, many, context)
        finally:
            self.sql.append((time.perf_counter() - started[0], sql))
            self._charge("queries", started)
            self._charge(self._where[-1], started, -1.0)

    @contextmanager
    def layer(self, name: str):
        if name == "template" and self._where[-1] == "template":
            yield  # an included template is part of the outermost one
            return
        self._where.append(name)
        started = _now()
        try:
            yield
        finally:
            self._where.pop()
            # Counted in this layer and taken out of the enclosing one.
            self._charge(name, started)
            self._charge(self._where[-1], started, -1.0)

    def reset(self) -> None:
        self.__init__()

    def per_request(self, wall_s: float, cpu_s: float, requests: int) -> dict[str, tuple]:
        """(wall ms, CPU ms) per request and layer; ``other`` is the rest of the requests'
        ``wall_s`` and ``cpu_s``."""
        wall = {**self.wall, "other": self.wall["other"] + wall_s}
        cpu = {**self.cpu, "other": self.cpu["other"] + cpu_s}
        return {
            name: (wall[name] * 1000 / requests, cpu[name] * 1000 / requests) for name in LAYERS
        }


@contextmanager
def instrumented(breakdown: Breakdown, handler: WSGIHandler):
    """Times the handler, the view call and template renders while the block runs (the
    handler's middleware chain is built again: it holds the view call it was built with)."""
    from django.core.handlers.base import BaseHandler
    from django.template.backends.django import Template as DjangoTemplate

    originals = (BaseHandler.get_response, BaseHandler._get_response, DjangoTemplate.render)

    def get_response(self, request):
        with breakdown.layer("middleware"):
            return originals[0](self, request)

    def _get_response(self, request):
        with breakdown.layer("view"):
            return originals[1](self, request)

    def render(self, context=None, request=None):
        with breakdown.layer("template"):
            return originals[2](self, context, request)

    BaseHandler.get_response, BaseHandler._get_response, DjangoTemplate.render = (
        get_response,
        _get_response,
        render,
    )
    handler.load_middleware()
    try:
        with connection.execute_wrapper(breakdown):
            yield
    finally:
        BaseHandler.get_response, BaseHandler._get_response, DjangoTemplate.render = originals
        handler.load_middleware()


@dataclass
class Profile:
    page: str
    path: str
    host: str
    view: str
    requests: int
    wall_ms: list[float]
    cpu_ms: list[float]
    queries_per_request: float
    layers: dict[str, tuple[float, float]]  # (wall ms, CPU ms) per request, no profiler
    profiled_ms: dict[str, float]  # per request, by the profiler's samples
    slowest_queries: list[tuple[float, int, str]]  # (ms per request, times, SQL)
    html: str
    text: str

    @property
    def median_ms(self) -> float:
        return statistics.median(self.wall_ms)

    def summary(self) -> str:
        lines = [
            f"Page:     {self.page}",
            f"Address:  {self.path}  (host {self.host})",
            f"View:     {self.view}",
            f"Requests: {self.requests} timed, then {self.requests} under the profiler",
            f"Per request: wall median {self.median_ms:.1f} ms (min {min(self.wall_ms):.1f},"
            f" max {max(self.wall_ms):.1f}); this process's CPU median"
            f" {statistics.median(self.cpu_ms):.1f} ms; {self.queries_per_request:g} queries",
            "",
            "Where the time goes, mean per request (wall and CPU timed without the profiler;",
            "the profiler's samples, slower because it costs per call):",
            f"  {'layer':11} {'wall ms':>8} {'share':>7} {'CPU ms':>8} {'share':>7}"
            f" {'profiled':>9} {'share':>7}",
        ]
        wall_total = sum(wall for wall, _cpu in self.layers.values()) or 1.0
        cpu_total = sum(cpu for _wall, cpu in self.layers.values()) or 1.0
        profiled_total = sum(self.profiled_ms.values()) or 1.0
        for layer in LAYERS:
            wall, cpu = self.layers[layer]
            profiled = self.profiled_ms[layer]
            lines.append(
                f"  {layer:11} {wall:8.1f} {wall / wall_total:7.1%} {cpu:8.1f}"
                f" {cpu / cpu_total:7.1%} {profiled:9.1f} {profiled / profiled_total:7.1%}"
            )
        lines.append(
            f"  {'total':11} {wall_total:8.1f} {'':7} {cpu_total:8.1f} {'':7} {profiled_total:9.1f}"
        )
        lines += ["", "Slowest queries (wall ms per request, times per request):"]
        for ms, times, sql in self.slowest_queries:
            lines.append(f"  {ms:7.2f} ms  ×{times:<3} {sql[:160]}")
        return "\n".join(lines) + "\n"


def default_host() -> str:
    """A host no network claims: 127.0.0.1 where allowed, else the test client's own."""
    return "127.0.0.1" if validate_host("127.0.0.1", settings.ALLOWED_HOSTS) else "testserver"


def view_name(path: str) -> str:
    match = resolve(urlsplit(path).path)
    return match._func_path


def profile_page(
    *, name: str, path: str, user=None, host: str = "", requests: int = 20, warmup: int = 3
) -> Profile:
    cookie = ""
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )
    handler = WSGIHandler()
    split = urlsplit(path)
    # As the test client does: one connection throughout (also inside a test's transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        return _profile(name, path, host, requests, warmup, handler, split, cookie)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _profile(name, path, host, requests, warmup, handler, split, cookie) -> Profile:
    from pyinstrument import Profiler
    from pyinstrument.renderers import ConsoleRenderer

    def get():
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": split.path,
            "QUERY_STRING": split.query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": host or default_host(),
            "HTTP_X_FORWARDED_PROTO": "https",
            "HTTP_ACCEPT_LANGUAGE": "el",
            "HTTP_COOKIE": cookie,
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": io.StringIO(),
            "wsgi.url_scheme": "https",
        }
        statuses = []
        body = handler(environ, lambda status, headers: statuses.append(status))
        try:
            b"".join(body)
        finally:
            body.close()
        if not statuses[0].startswith("200"):
            raise RuntimeError(f"{name}: {path} answered {statuses[0]}")

    for _ in range(warmup):
        get()
    wall_ms, cpu_ms = [], []
    breakdown = Breakdown()
    with instrumented(breakdown, handler):
        get()  # the middleware chain is built again, with the view call timed
        breakdown.reset()
        for _ in range(requests):
            wall, cpu = _now()
            get()
            wall_ms.append((time.perf_counter() - wall) * 1000)
            cpu_ms.append((time.process_time() - cpu) * 1000)
    by_sql: dict[str, list[float]] = {}
    for seconds, sql in breakdown.sql:
        by_sql.setdefault(sql, []).append(seconds)
    slowest = sorted(
        (
            (sum(times) * 1000 / requests, len(times) // requests, sql)
            for sql, times in by_sql.items()
        ),
        reverse=True,
    )[:10]

    profiler = Profiler(interval=0.0005, async_mode="disabled")
    profiler.start()
    for _ in range(requests):
        get()
    profiler.stop()
    session = profiler.last_session
    profiled = split_by_layer(session.root_frame(trim_stem=False))
    return Profile(
        page=name,
        path=path,
        host=host or default_host(),
        view=view_name(path),
        requests=requests,
        wall_ms=wall_ms,
        cpu_ms=cpu_ms,
        queries_per_request=len(breakdown.sql) / requests,
        layers=breakdown.per_request(sum(wall_ms) / 1000, sum(cpu_ms) / 1000, requests),
        profiled_ms={layer: seconds * 1000 / requests for layer, seconds in profiled.items()},
        slowest_queries=slowest,
        html=profiler.output_html(),
        text=ConsoleRenderer(unicode=True, color=False, show_all=False).render(session),
    )
