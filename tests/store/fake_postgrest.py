"""A loopback stand-in for Supabase's PostgREST that stores rows in a real PostgreSQL.

It answers what supabase-py's table API sends for interview_sessions: POST (insert/upsert with
Prefer return=/resolution=, ?on_conflict=, ?columns=), GET/HEAD with column filters (eq, gte,
lt, in), order, limit and Prefer count=exact (Content-Range), PATCH (an update of the rows
the filters match, Prefer return=, ?select=). Like PostgREST it runs each request
in a transaction as the role in the bearer JWT (`set local role`, request.jwt.claims), turns the
JSON body into rows with json_populate_recordset, and reports database errors as PostgREST does
(JSON with code/message/details/hint). Column names and types are therefore checked by
PostgreSQL itself. Fault modes: "ok", "error500", "slow" (sleep, then answer). With a `gotrue`
(tests/support/fake_gotrue.py) it also answers Supabase Auth's /auth/v1/* on the same port, as a
Supabase project does.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import psycopg
from psycopg import sql

TABLE = "interview_sessions"
OPS = {"eq": "=", "gte": ">=", "gt": ">", "lt": "<", "lte": "<="}


class PostgrestError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@dataclass
class Seen:
    method: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    body: Any


@dataclass
class FakePostgrest:
    dsn: str
    port: int = 0
    mode: str = "ok"
    slow_seconds: float = 1.5
    jwt_secret: str | None = None  # when set, tokens must be HS256-signed with it, as Supabase's
    max_rows: int = 1000  # PostgREST's db-max-rows as Supabase sets it: longer answers are cut
    gotrue: Any = None  # a fake_gotrue.GoTrue answering /auth/v1/* (Supabase Auth), if given
    seen: list[Seen] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None
    _active: int = 0
    _columns: dict[str, str] = field(default_factory=dict)
    _connections: list[socket.socket] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FakePostgrest:
        server = ThreadingHTTPServer(("127.0.0.1", self.port), _Handler)
        server.daemon_threads = True
        server.fake = self  # type: ignore[attr-defined]
        self.port = server.server_address[1]
        self._server = server
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Close the listening socket and every open connection: the server is gone."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        with self._lock:
            connections, self._connections = self._connections, []
        for connection in connections:  # keep-alive connections would otherwise live on
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
            connection.close()

    def wait_idle(self, timeout: float = 10.0) -> None:
        """Wait until no request is being handled (a slow one may still be committing)."""
        deadline = time.monotonic() + timeout
        while self._active and time.monotonic() < deadline:
            time.sleep(0.02)

    def columns(self) -> dict[str, str]:
        """Column name -> type name, read once from the database (PostgREST's schema cache)."""
        if not self._columns:
            with psycopg.connect(self.dsn) as conn:
                rows = conn.execute(
                    "select column_name, udt_name from information_schema.columns"
                    " where table_schema = 'public' and table_name = %s", [TABLE]).fetchall()
            self._columns = dict(rows)
        return self._columns

    def handle(self, seen: Seen) -> tuple[int, dict[str, str], bytes]:
        with self._lock:
            self._active += 1
            self.seen.append(seen)
        try:
            if self.mode == "error500":
                raise PostgrestError(500, "XX000", "the database is on fire")
            if self.mode == "slow":
                time.sleep(self.slow_seconds)
            return self._route(seen)
        except PostgrestError as error:
            body = {"code": error.code, "message": error.message, "details": None, "hint": None}
            return error.status, {"Content-Type": "application/json"}, json.dumps(body).encode()
        finally:
            with self._lock:
                self._active -= 1

    def _route(self, seen: Seen) -> tuple[int, dict[str, str], bytes]:
        if seen.path.startswith("/auth/v1/") and self.gotrue is not None:
            return self.gotrue.handle(seen.method, seen.path, dict(seen.query), seen.headers,
                                      seen.body)
        rpc = seen.path.startswith("/rest/v1/rpc/")
        if seen.path != f"/rest/v1/{TABLE}" and not rpc:
            raise PostgrestError(404, "PGRST205", f"Could not find the table {seen.path}")
        if "apikey" not in seen.headers:
            raise PostgrestError(401, "PGRST301", "No API key found in request")
        role, claims = _claims(seen.headers.get("authorization", ""), self.jwt_secret)
        columns = self.columns()
        with psycopg.connect(self.dsn) as conn:
            conn.execute(sql.SQL("set local role {}").format(sql.Identifier(role)))
            conn.execute("select set_config('request.jwt.claims', %s, true)", [json.dumps(claims)])
            try:
                if rpc and seen.method == "POST":
                    return _rpc(conn, seen, self.max_rows)
                if seen.method == "POST":
                    return _insert(conn, seen, columns)
                if seen.method in ("GET", "HEAD"):
                    return _select(conn, seen, columns, self.max_rows)
                if seen.method == "PATCH":
                    return _update(conn, seen, columns)
            except psycopg.Error as error:
                raise _pg_error(error, role) from error
        raise PostgrestError(405, "PGRST117", f"Unsupported method {seen.method}")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        return

    def setup(self) -> None:
        super().setup()
        fake = self.server.fake  # type: ignore[attr-defined]
        with fake._lock:
            fake._connections.append(self.connection)

    def _serve(self) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        seen = Seen(self.command, parts.path, parse_qsl(parts.query, keep_blank_values=True),
                    {k.lower(): v for k, v in self.headers.items()},
                    json.loads(raw) if raw else None)
        status, headers, body = self.server.fake.handle(seen)  # type: ignore[attr-defined]
        try:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
            pass

    do_GET = do_HEAD = do_POST = do_PATCH = _serve


def _claims(authorization: str, secret: str | None = None) -> tuple[str, dict[str, Any]]:
    token = authorization.removeprefix("Bearer ").strip()
    if secret is not None:  # PostgREST checks the signature with the project's JWT secret
        signed, _, signature = token.rpartition(".")
        digest = hmac.new(secret.encode(), signed.encode(), hashlib.sha256).digest()
        if not hmac.compare_digest(base64.urlsafe_b64encode(digest).rstrip(b"=").decode(),
                                   signature):
            raise PostgrestError(401, "PGRST301", "JWSError JWSInvalidSignature")
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError):
        return "anon", {"role": "anon"}
    if secret is not None and claims.get("exp", float("inf")) <= time.time():
        raise PostgrestError(401, "PGRST303", "JWT expired")
    return str(claims.get("role", "anon")), claims


def _prefer(seen: Seen) -> dict[str, str]:
    items = (p.strip().split("=", 1) for p in seen.headers.get("prefer", "").split(",") if p)
    return {k: v for k, v in (i for i in items if len(i) == 2)}


def _checked(names: list[str], columns: dict[str, str]) -> list[str]:
    for name in names:
        if name not in columns:
            raise PostgrestError(
                400, "PGRST204",
                f"Could not find the '{name}' column of '{TABLE}' in the schema cache")
    return names


def _insert(conn: Any, seen: Seen, columns: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    rows = seen.body if isinstance(seen.body, list) else [seen.body]
    query = dict(seen.query)
    names = (re.findall(r'"([^"]+)"', query["columns"]) if "columns" in query
             else list(rows[0].keys()))
    _checked(names, columns)
    prefer = _prefer(seen)
    cols = sql.SQL(", ").join(map(sql.Identifier, names))
    statement = sql.SQL(
        "insert into public.{t} ({c}) select {c} from json_populate_recordset(null::public.{t}, %s)"
    ).format(t=sql.Identifier(TABLE), c=cols)
    conflict = query.get("on_conflict", "id")
    if prefer.get("resolution") == "merge-duplicates":
        updates = sql.SQL(", ").join(
            sql.SQL("{0} = excluded.{0}").format(sql.Identifier(n)) for n in names if n != conflict)
        statement += sql.SQL(" on conflict ({}) do update set {}").format(
            sql.Identifier(conflict), updates)
    elif prefer.get("resolution") == "ignore-duplicates":
        statement += sql.SQL(" on conflict ({}) do nothing").format(sql.Identifier(conflict))
    if prefer.get("return") == "representation":
        statement += sql.SQL(" returning *")
        wrapped = sql.SQL("with r as ({}) select coalesce(json_agg(r), '[]')::text from r")
        body = conn.execute(wrapped.format(statement), [json.dumps(rows)]).fetchone()[0]
        return 201, {"Content-Type": "application/json"}, body.encode()
    conn.execute(statement, [json.dumps(rows)])
    return 201, {}, b""


def _update(conn: Any, seen: Seen, columns: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    """PATCH: one UPDATE of the rows the column filters match, set from the JSON object's keys
    (json_populate_record, as PostgREST); with return=representation the updated rows, cut to
    `select`'s columns."""
    if not isinstance(seen.body, dict) or not seen.body:
        raise PostgrestError(400, "PGRST102", "Empty or invalid json")
    names = _checked(list(seen.body), columns)
    params: list[Any] = [json.dumps(seen.body)]
    where, picked = [], ["*"]
    for key, value in seen.query:
        if key == "select":
            picked = _checked(value.split(","), columns) if value != "*" else ["*"]
        else:
            where.append(_condition(key, value, columns, params))
    cols = sql.SQL(", ").join(map(sql.Identifier, names))
    statement = sql.SQL(
        "update public.{t} set ({c}) = (select {c} from json_populate_record(null::public.{t},"
        " %s))").format(t=sql.Identifier(TABLE), c=cols)
    if where:
        statement += sql.SQL(" where ") + sql.SQL(" and ").join(where)
    if _prefer(seen).get("return") != "representation":
        conn.execute(statement, params)
        return 204, {}, b""
    returned = sql.SQL("*") if picked == ["*"] else sql.SQL(", ").join(map(sql.Identifier,
                                                                           picked))
    wrapped = sql.SQL("with r as ({} returning {}) select coalesce(json_agg(r), '[]')::text"
                      " from r").format(statement, returned)
    body = conn.execute(wrapped, params).fetchone()[0]
    return 200, {"Content-Type": "application/json"}, body.encode()


def _rpc(conn: Any, seen: Seen, max_rows: int) -> tuple[int, dict[str, str], bytes]:
    """POST /rpc/<function> with named arguments as JSON, like PostgREST: a set-returning
    function answers a JSON array (cut at max_rows), a scalar one its bare value."""
    name = seen.path.removeprefix("/rest/v1/rpc/")
    if not re.fullmatch(r"[a-z_]+", name):
        raise PostgrestError(404, "PGRST202", f"Could not find the function {name}")
    args = seen.body or {}
    retset = conn.execute("select bool_or(proretset) from pg_proc where proname = %s"
                          " and pronamespace = 'public'::regnamespace", [name]).fetchone()[0]
    if retset is None:
        raise PostgrestError(404, "PGRST202", f"Could not find the function public.{name}")
    call = sql.SQL("public.{}({})").format(sql.Identifier(name), sql.SQL(", ").join(
        sql.SQL("{} => {}").format(sql.Identifier(k), sql.Placeholder()) for k in args))
    values = list(args.values())
    if not retset:
        body = conn.execute(sql.SQL("select to_json({})::text").format(call), values).fetchone()[0]
        return 200, {"Content-Type": "application/json"}, body.encode()
    body = conn.execute(sql.SQL("select coalesce(json_agg(t), '[]')::text from"
                                " (select * from {} limit {}) t").format(call,
                                                                       sql.Literal(max_rows)),
                        values).fetchone()[0]
    return 200, {"Content-Type": "application/json"}, body.encode()


def _select(conn: Any, seen: Seen, columns: dict[str, str],
            max_rows: int) -> tuple[int, dict[str, str], bytes]:
    where, params, order, limit, picked, offset = [], [], [], None, ["*"], 0
    for key, value in seen.query:
        if key == "select":
            picked = value.split(",")
            if picked != ["*"]:
                _checked(picked, columns)
        elif key == "order":
            for part in value.split(","):
                name, _, direction = part.partition(".")
                _checked([name], columns)
                way = sql.SQL("desc" if direction.startswith("desc") else "asc")
                order.append(sql.SQL("{} {}").format(sql.Identifier(name), way))
        elif key == "limit":
            limit = int(value)
        elif key == "offset":
            offset = int(value)
        else:
            where.append(_condition(key, value, columns, params))
    cols = sql.SQL("*") if picked == ["*"] else sql.SQL(", ").join(map(sql.Identifier, picked))
    table = sql.SQL("public.{}").format(sql.Identifier(TABLE))
    where_sql = sql.SQL(" where ") + sql.SQL(" and ").join(where) if where else sql.SQL("")
    headers = {"Content-Type": "application/json"}
    rows_sql = sql.SQL("select {} from {}{}").format(cols, table, where_sql)
    if order:
        rows_sql += sql.SQL(" order by ") + sql.SQL(", ").join(order)
    limit = max_rows if limit is None else min(limit, max_rows)
    rows_sql += sql.SQL(" limit {} offset {}").format(sql.Literal(limit), sql.Literal(offset))
    body = conn.execute(sql.SQL("select coalesce(json_agg(t), '[]')::text from ({}) t")
                        .format(rows_sql), params).fetchone()[0]
    shown = len(json.loads(body))
    if "count=exact" in seen.headers.get("prefer", ""):
        total = conn.execute(sql.SQL("select count(*) from {}{}").format(table, where_sql),
                             params).fetchone()[0]
        headers["Content-Range"] = (f"{offset}-{offset + shown - 1}/{total}" if shown
                                    else f"*/{total}")
    return 200, headers, body.encode()


def _condition(key: str, value: str, columns: dict[str, str], params: list[Any]) -> sql.Composed:
    _checked([key], columns)
    op, _, operand = value.partition(".")
    column, cast = sql.Identifier(key), sql.SQL(columns[key])
    if op == "is" and operand == "null":
        return sql.SQL("{} is null").format(column)
    if op == "in":
        items = re.findall(r'"((?:[^"\\]|\\.)*)"|([^,()]+)', operand)
        params.append([quoted.replace('\\"', '"') if quoted else bare for quoted, bare in items])
        return sql.SQL("{} = any(%s::text[]::{}[])").format(column, cast)
    if op not in OPS:
        raise PostgrestError(400, "PGRST100", f"unknown operator {op}")
    params.append(operand)
    return sql.SQL("{} {} %s::{}").format(column, sql.SQL(OPS[op]), cast)


def _pg_error(error: psycopg.Error, role: str) -> PostgrestError:
    code = error.sqlstate or "XX000"
    message = error.diag.message_primary or str(error)
    if code == "42501":
        return PostgrestError(401 if role == "anon" else 403, code, message)
    if code == "23505":
        return PostgrestError(409, code, message)
    return PostgrestError(400, code, message)
