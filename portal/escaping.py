"""Escaping for markup written in Python, row after row.

Django's ``escape`` and ``conditional_escape`` are the standard library's ``html.escape`` behind a
lazy-text wrapper that costs more than the escaping itself; tables and selects of hundreds of
cells call them thousands of times per page.
"""

from html import escape


def escape_text(value) -> str:
    """What ``conditional_escape`` returns: safe markup as it is, anything else escaped."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value))
