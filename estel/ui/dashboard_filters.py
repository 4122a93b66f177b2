"""The dashboard's filter bar: widgets → a `SessionFilters` the store query applies.

Every multiselect left empty means "all". Periods are whole UTC days, so the filters (and the
cache key built from them) stay the same for a whole day instead of changing every rerun.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import streamlit as st

from estel.analysis.wording import counted
from estel.dashboard.query import FilterOptions
from estel.store.base import SessionFilters

PERIODS: dict[str, int | None] = {  # label -> days back (None: all time)
    "All time": None,
    "Last 7 days": 7,
    "Last 30 days": 30,
    "Last 90 days": 90,
    "Last 12 months": 365,
}
CUSTOM = "Custom range"
STATUS_LABELS = {"completed": "Completed", "in_progress": "In progress",
                 "abandoned": "Abandoned"}

PERIOD_KEY = "dash_period"
DATES_KEY = "dash_dates"
MULTISELECTS = (  # (SessionFilters field, label, widget key)
    ("target_roles", "Role", "dash_roles"),
    ("experience_levels", "Experience level", "dash_levels"),
    ("difficulties", "Difficulty", "dash_difficulties"),
    ("statuses", "Status", "dash_statuses"),
    ("brains", "Brain", "dash_brains"),
    ("models", "Model", "dash_models"),
    ("prompt_versions", "Prompt version", "dash_prompts"),
)


@dataclass(frozen=True)
class Chosen:
    """The filters for the store, and the time span the charts' axis should cover."""

    filters: SessionFilters
    start: datetime | None  # None: from the first matching session
    end: datetime | None  # None: to the last matching session


def midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def period_span(label: str, today: date,
                custom: tuple[date, ...] = ()) -> tuple[datetime | None, datetime | None]:
    """(since, until) in UTC for a period choice; until is exclusive, None is open-ended."""
    if label == CUSTOM:
        if not custom:
            return None, None
        first, last = custom[0], custom[-1]  # one date picked so far: that day only
        return midnight(first), midnight(last + timedelta(days=1))
    days = PERIODS.get(label)
    if days is None:
        return None, None
    return midnight(today - timedelta(days=days - 1)), None


def chosen(label: str, today: date, custom: tuple[date, ...],
           picked: dict[str, list[str]]) -> Chosen:
    """What the widgets say, as filters plus the chart span (pure: easy to test)."""
    since, until = period_span(label, today, custom)
    values = {name: tuple(items) if items else None for name, items in picked.items()}
    filters = SessionFilters(since=since, until=until, **values)
    end = until - timedelta(microseconds=1) if until is not None else (
        midnight(today) if since is not None else None)
    return Chosen(filters, since, end)


def render_filters(options: FilterOptions, today: date) -> Chosen:
    """The filter bar (two rows in a bordered box); returns what was chosen."""
    with st.container(border=True):
        top = st.columns(4)
        with top[0]:
            label = st.selectbox("Period (UTC)", [*PERIODS, CUSTOM], key=PERIOD_KEY)
            custom = _date_range(options, today) if label == CUSTOM else ()
        columns = top[1:] + st.columns(4)
        picked: dict[str, list[str]] = {}
        for column, (name, title, key) in zip(columns, MULTISELECTS, strict=False):
            choices = list(getattr(options, name))
            picked[name] = column.multiselect(
                title, choices, key=key, placeholder="All",
                format_func=lambda value: STATUS_LABELS.get(value, value),
                disabled=not choices,
            )
        with columns[-1]:
            st.caption(f"{counted(options.total, 'session')} stored · empty filter = all")
    return chosen(label, today, custom, picked)


def _date_range(options: FilterOptions, today: date) -> tuple[date, ...]:
    first = options.first.date() if options.first else today
    last = max(options.last.date() if options.last else today, today)
    picked = st.date_input("Dates (UTC)", value=(first, last), min_value=first,
                           max_value=last, key=DATES_KEY, format="YYYY-MM-DD")
    return tuple(picked) if isinstance(picked, tuple | list) else (picked,)
