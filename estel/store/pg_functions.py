"""Calling the dashboard's SQL functions (migration *_dashboard_functions.sql) with psycopg 3.

`function_call(connect)` returns the `call(function, params) -> rows` that
`estel.dashboard.aggregates.SqlQueries` asks for; `connect` is a context manager factory giving
a psycopg connection (a pool's `connection`, or `psycopg.connect`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from estel.errors import StoreFailure

Connect = Callable[[], AbstractContextManager[psycopg.Connection[Any]]]
_NAME = re.compile(r"^dashboard_[a-z_]+$")
_PARAM = re.compile(r"^p_[a-z_]+$")


def function_query(name: str, params: Mapping[str, Any]) -> sql.Composed:
    """`select * from public.<name>(p => %(p)s, …)`: in FROM, so the planner inlines the
    function with the parameters' values (the filters then reach the indexes)."""
    if not _NAME.match(name) or not all(_PARAM.match(key) for key in params):
        raise ValueError(f"not a dashboard function call: {name}({', '.join(params)})")
    return sql.SQL("select * from public.{}({})").format(
        sql.Identifier(name),
        sql.SQL(", ").join(sql.SQL("{} => {}").format(sql.Identifier(key), sql.Placeholder(key))
                           for key in params))


def function_call(connect: Connect) -> Callable[[str, Mapping[str, Any]], list[dict[str, Any]]]:
    """`call(name, params)`: `select * from public.<name>(p => value, …)`, rows as dicts."""
    def call(name: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        query = function_query(name, params)
        try:
            with connect() as conn, conn.cursor(row_factory=dict_row) as cursor:
                return cursor.execute(query, dict(params)).fetchall()
        except psycopg.Error as error:
            raise StoreFailure(f"The dashboard query {name} failed: {error}") from error

    return call
