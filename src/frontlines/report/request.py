"""What a report is asked for (period, country, provinces, template), checked against the store."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from frontlines.errors import ReportRequestError
from frontlines.store import Store

# Known provinces listed in the message for an unknown one, at most this many.
SUGGESTIONS_SHOWN = 12


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """A report's period (inclusive) and scope; empty country / provinces mean everywhere."""

    start: date
    end: date
    country: str | None = None
    admin1: tuple[str, ...] = ()
    template: str | None = None  # daily | weekly; None chooses by the period's length


@dataclass(frozen=True, slots=True)
class Scope:
    """The request resolved to the store's own spellings."""

    country: str | None
    provinces: tuple[tuple[str, str], ...]  # (country, admin1); empty: every province

    def holds(self, country: str, admin1: str) -> bool:
        if self.provinces:
            return (country, admin1) in self.provinces
        return self.country is None or country == self.country

    def label(self) -> str:
        if self.provinces:
            names = ", ".join(admin1 for _country, admin1 in self.provinces)
            countries = sorted({country for country, _admin1 in self.provinces})
            return f"{names} ({', '.join(countries)})"
        return self.country or "all countries in the store"


def check_period(start: date, end: date) -> None:
    """Raises ReportRequestError when the period ends before it starts."""
    if end < start:
        raise ReportRequestError(
            f"The period ends ({end.isoformat()}) before it starts ({start.isoformat()}); "
            "give --to on or after --from."
        )


def resolve_scope(request: ReportRequest, store: Store) -> Scope:
    """Match --country and --admin1 to the places the store holds events for (case-insensitive).

    Raises:
        ReportRequestError: the period is reversed, or a country or province has no stored event.
    """
    check_period(request.start, request.end)
    known = store.list_provinces()
    country = _resolve_country(request.country, known)
    if country:
        known = [(c, a) for c, a in known if c == country]
    provinces: list[tuple[str, str]] = []
    for wanted in request.admin1:
        matches = [(c, a) for c, a in known if a.casefold() == wanted.strip().casefold()]
        if not matches:
            raise ReportRequestError(_unknown_province(wanted, country, known))
        provinces.extend(m for m in matches if m not in provinces)
    return Scope(country=country, provinces=tuple(provinces))


def _resolve_country(wanted: str | None, known: Sequence[tuple[str, str]]) -> str | None:
    if not wanted:
        return None
    countries = sorted({c for c, _a in known})
    for country in countries:
        if country.casefold() == wanted.strip().casefold():
            return country
    shown = ", ".join(countries[:SUGGESTIONS_SHOWN]) or "none yet"
    raise ReportRequestError(
        f"The store has no events in country '{wanted}'; give one of: {shown}."
    )


def _unknown_province(wanted: str, country: str | None, known: Sequence[tuple[str, str]]) -> str:
    names = sorted({a for _c, a in known if a})
    shown = ", ".join(names[:SUGGESTIONS_SHOWN]) + (" …" if len(names) > SUGGESTIONS_SHOWN else "")
    where = f" of {country}" if country else ""
    return (
        f"The store has no events in province '{wanted}'{where}; give a province it knows "
        f"({shown or 'none yet'})."
    )
