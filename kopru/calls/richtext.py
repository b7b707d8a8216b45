"""Call summaries as safe HTML, from whatever the sources or the call form give: text
repaired (mojibake, glued words, invisible characters), HTML limited to the allowed tags.
Used by the call form and by the importers.

Mojibake: some exports (the EU portal scrape in ``open.jsonl.gz``) contain UTF-8 text that
was decoded as Windows-1252 and encoded to UTF-8 again: ``beneficiaries’`` became
``beneficiariesâ€™``. :func:`repair_mojibake` finds each run of characters that, mapped
back to their Windows-1252 bytes, form one valid UTF-8 sequence, and replaces only that
run; clean text (Turkish letters included) is returned unchanged.
"""

from __future__ import annotations

import codecs
import html
import re
import unicodedata

import nh3

ALLOWED_TAGS = frozenset({"p", "ul", "ol", "li", "strong", "em", "a", "br"})
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})

# --- mojibake -------------------------------------------------------------------

_CHAR_TO_BYTE: dict[str, int] = {}
for _b in range(0x80, 0x100):
    try:
        _ch = bytes([_b]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81 0x8D 0x8F 0x90 0x9D: left as C1 controls
        _ch = chr(_b)
    _CHAR_TO_BYTE[_ch] = _b
for _b in range(0x80, 0xA0):  # latin-1 decoders leave C1 controls
    _CHAR_TO_BYTE.setdefault(chr(_b), _b)

# Bytes 0xA0-0xFF are the same characters in Windows-1252 and Latin-1, so lead bytes
# (0xC2-0xF4) are the characters U+00C2-U+00F4; continuation bytes (0x80-0xBF) are
# U+00A0-U+00BF plus the Windows-1252 characters of 0x80-0x9F (€ ‚ ƒ ... Ÿ).
_CONT = (
    "[\u00a0-\u00bf\u0080-\u009f"
    + "".join(re.escape(ch) for ch, b in _CHAR_TO_BYTE.items() if b < 0xA0 and ord(ch) > 0xFF)
    + "]"
)
_MOJIBAKE = re.compile(
    f"[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}|[\u00f0-\u00f4]{_CONT}{{3}}"
)
_LEAD = re.compile("[\u00c2-\u00f4]")


def _fix_run(match: re.Match[str]) -> str:
    run = match.group(0)
    try:
        return bytes(_CHAR_TO_BYTE[ch] for ch in run).decode("utf-8")
    except UnicodeDecodeError:
        return run


_DECODING_TABLE = "".join(
    chr(b) if b < 0x80 else next(ch for ch, v in _CHAR_TO_BYTE.items() if v == b)
    for b in range(256)
)
_ENCODING_MAP = codecs.charmap_build(_DECODING_TABLE)


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 → Windows-1252 → UTF-8 double encoding where it occurs."""
    if not text or not _LEAD.search(text):
        return text
    # Fast path: the whole string is double-encoded (the usual case). Mapping it back
    # to bytes and decoding gives the same result as fixing run by run.
    try:
        return codecs.charmap_encode(text, "strict", _ENCODING_MAP)[0].decode("utf-8")
    except UnicodeError:
        return _MOJIBAKE.sub(_fix_run, text)


# --- white space ----------------------------------------------------------------

# Invisible characters and control characters (except tab and newlines) are dropped.
_DROP = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff]")


def drop_invisible(text: str) -> str:
    return _DROP.sub("", text) if _DROP.search(text) else text


_MANY_NEWLINES = re.compile(r"\n{3,}")


def clean_multiline(value: object) -> str:
    """Like :func:`clean_text` but keeps line breaks (at most one blank line)."""
    if value is None:
        return ""
    text = repair_mojibake(str(value)).replace("\r\n", "\n").replace("\r", "\n")
    text = drop_invisible(unicodedata.normalize("NFC", text))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()


# --- HTML -----------------------------------------------------------------------

_LOOKS_LIKE_HTML = re.compile(r"</?(p|ul|ol|li|br|strong|em|b|i|a|div|span|h\d)\b[^>]*>", re.I)


# A lower-case letter, then ``.``, ``,`` or ``;``, then an upper-case letter, with no
# space: the source dropped it ("processors,Demonstrators", "call.The"). Certain enough to
# repair; other runs ("todesign") are left alone, a guess could break a real word. Not
# inside a number ("1,5") nor an abbreviation of capitals ("U.S."), and only in text,
# never in a tag or an address.
_GLUED = re.compile(r"(?<=[a-zçğıöşü])([.,;])(?=[A-ZÇĞİÖŞÜ][a-zçğıöşü])")
_TAG_OR_URL = re.compile(r"(<[^>]*>|\b(?:https?://|www\.)\S+|\S+@\S+)")


def repair_glued(text: str) -> str:
    """Put back the space after ``.``, ``,`` or ``;`` where the source glued two words."""
    if not text or not _GLUED.search(text):
        return text
    parts = _TAG_OR_URL.split(text)
    return "".join(part if i % 2 else _GLUED.sub(r"\1 ", part) for i, part in enumerate(parts))


def sanitize_html(fragment: str) -> str:
    """``fragment`` reduced to the allowed tags and attributes."""
    if not fragment:
        return ""
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def text_to_html(text: str, headings: re.Pattern[str] | None = None) -> str:
    """Plain text as safe HTML paragraphs.

    Blank lines separate paragraphs, single line breaks become ``<br>``. With
    ``headings`` (a pattern whose group 1 is a heading such as ``Scope``), a heading
    glued to the previous sentence starts a new paragraph with the heading in bold.
    """
    text = clean_multiline(text)
    if not text:
        return ""
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    if headings is not None:
        split: list[str] = []
        for para in paragraphs:
            pieces = headings.split(para)
            # re.split with one group: [before, h1, after1, h2, after2, ...]
            if pieces[0].strip():
                split.append(html.escape(pieces[0].strip()).replace("\n", "<br>"))
            for i in range(1, len(pieces), 2):
                body = html.escape(pieces[i + 1].strip()).replace("\n", "<br>")
                split.append(f"<strong>{html.escape(pieces[i])}:</strong> {body}".rstrip())
        out = split
    else:
        out = [html.escape(p).replace("\n", "<br>") for p in paragraphs]
    return sanitize_html("".join(f"<p>{p}</p>" for p in out))


def to_safe_html(value: object, headings: re.Pattern[str] | None = None) -> str:
    """A summary as safe HTML, whether the source gave plain text or HTML."""
    if value is None:
        return ""
    text = repair_glued(repair_mojibake(str(value)))
    if _LOOKS_LIKE_HTML.search(text):
        return sanitize_html(unicodedata.normalize("NFC", text))
    return text_to_html(text, headings)
