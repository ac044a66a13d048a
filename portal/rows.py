"""The public progress table as plain rows: what each cell shows, prepared once per page.

A page of the progress matrix shows a few hundred bars. Handed to the template as plain dicts
with their figures as text, and with the link pattern and the phases' labels looked up once, the
table costs little more than its loops (see issue 26). The markup stays in the template.
"""

from typing import TypedDict

from modeltranslation.utils import get_language

from cities.models import City
from common.languages import supplying_language
from common.links import slug_linker
from practices.selectors import PhaseProgress

from .selectors import ProgressMatrix


class PhaseBar(TypedDict):
    label: str
    value: str | None  # the rounded percentage as shown, None without steps


class Cell(TypedDict):
    overall: str | None
    phases: list[PhaseBar]


class Column(TypedDict):
    url: str
    title: str
    lang: str  # the language of the title when it is not the page's, else ""
    overall: str | None


class Row(TypedDict):
    url: str
    name: str
    lang: str
    withdrawn: bool
    cells: list[Cell | None]  # one per column; None where the city does not transfer it
    overall: str | None


class ProgressTable(TypedDict):
    columns: list[Column]
    rows: list[Row]
    overall: str | None
    phases: list[PhaseBar]


def _shown(value: int | None) -> str | None:
    return None if value is None else str(value)


def _phase_bars(phases: list[PhaseProgress], labels: dict[str, str]) -> list[PhaseBar]:
    return [{"label": labels[phase.phase], "value": _shown(phase.value)} for phase in phases]


def _lang(obj, field: str, page_language: str) -> str:
    lang = supplying_language(obj, field)
    return lang if lang != page_language else ""


def progress_table(matrix: ProgressMatrix) -> ProgressTable:
    """The rows, columns and totals of one page of the progress matrix, as the page shows them."""
    language = get_language()
    city_link, practice_link = slug_linker("cities:detail"), slug_linker("practices:detail")
    labels: dict[str, str] = {}
    if matrix.total is not None:
        labels = {phase.phase: str(phase.label) for phase in matrix.total.phases}

    def cell(transfer) -> Cell | None:
        if transfer is None:
            return None
        return {"overall": _shown(transfer.overall), "phases": _phase_bars(transfer.phases, labels)}

    return {
        "columns": [
            {
                "url": practice_link(practice.slug),
                "title": practice.title,
                "lang": _lang(practice, "title", language),
                "overall": _shown(practice.overall),
            }
            for practice in matrix.practices
        ],
        "rows": [
            {
                "url": city_link(row.city.slug),
                "name": row.city.name,
                "lang": _lang(row.city, "name", language),
                "withdrawn": row.city.status == City.Status.WITHDRAWN,
                "cells": [cell(transfer) for transfer in row.cells],
                "overall": _shown(row.city.overall),
            }
            for row in matrix.rows
        ],
        "overall": _shown(matrix.total.overall) if matrix.total else None,
        "phases": _phase_bars(matrix.total.phases, labels) if matrix.total else [],
    }
