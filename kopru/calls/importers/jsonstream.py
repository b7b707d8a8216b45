"""Reading a sequence of JSON values that may be damaged part-way: an array, concatenated
objects (``{...}{...}``) or JSON Lines, up to the first damaged value.
"""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass
class JsonBreak:
    truncated: bool  # the text ends inside this value
    detail: str


_DECODER = json.JSONDecoder()
_WS = " \t\n\r\ufeff"


def _skip_ws(text: str, i: int) -> int:
    n = len(text)
    while i < n and text[i] in _WS:
        i += 1
    return i


def _failure(text: str, exc: json.JSONDecodeError) -> JsonBreak:
    at_end = exc.pos >= len(text.rstrip(_WS)) - 1
    truncated = at_end or exc.msg.startswith("Unterminated string")
    return JsonBreak(truncated, f"{exc.msg} at line {exc.lineno}, column {exc.colno}")


def read_json_values(text: str) -> tuple[list[object], JsonBreak | None]:
    """Each top-level value (or each element of a top-level array) of ``text``, and where
    it broke."""
    values: list[object] = []
    i = _skip_ws(text, 0)
    n = len(text)
    in_array = i < n and text[i] == "["
    if in_array:
        i = _skip_ws(text, i + 1)
        if i < n and text[i] == "]":
            return values, None
    while i < n:
        try:
            value, i = _DECODER.raw_decode(text, i)
        except json.JSONDecodeError as exc:
            return values, _failure(text, exc)
        values.append(value)
        i = _skip_ws(text, i)
        if i < n and text[i] == ",":  # in a list, and tolerated between objects: "{...},{...}"
            i = _skip_ws(text, i + 1)
        elif in_array and i >= n:
            return values, JsonBreak(True, "the list is not closed with ']'")
        elif in_array and text[i] == "]":
            return values, None
        elif in_array:
            return values, JsonBreak(False, f"expected ',' or ']' at character {i}")
    return values, None
