"""XML from a stranger is read through defusedxml first.

GPX and TCX never need a DTD, so any DTD is refused outright: that stops entity
expansion bombs ("billion laughs"), external entities and DTD fetches before any
parser expands them.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree.ElementTree import ParseError

import defusedxml
import defusedxml.ElementTree as SafeET

from backcoach.runs.reading import RunFileError

_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def parse(data: bytes, kind: str) -> Any:
    """The document's root element; RunFileError for hostile or broken XML."""
    try:
        return SafeET.fromstring(data, forbid_dtd=True)
    except (defusedxml.DTDForbidden, defusedxml.EntitiesForbidden):
        raise RunFileError(
            f"refused: the {kind} file declares a DTD or entities, which run files never "
            "need (an 'XML bomb' or a file trying to read others)"
        ) from None
    except defusedxml.DefusedXmlException as exc:
        raise RunFileError(f"refused: unsafe XML ({exc})") from None
    except ParseError as exc:
        where = _where(exc)
        if "no element found" in str(exc) or "unclosed token" in str(exc):
            raise RunFileError(f"cut short: the {kind} file ends part-way through{where}") from None
        raise RunFileError(f"damaged: not well-formed XML{where} ({exc.msg})") from None
    except (ValueError, UnicodeError) as exc:
        raise RunFileError(f"damaged: {exc}") from None


def _where(exc: ParseError) -> str:
    position = getattr(exc, "position", None)
    return f" (line {position[0]})" if position else ""


def text(data: bytes) -> str:
    """The file as text, in the encoding its XML declaration names (UTF-8 otherwise)."""
    m = _ENCODING.match(data[:200])
    encoding = m.group(1).decode("ascii") if m else "utf-8"
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        raise RunFileError(f"damaged: the text is not valid {encoding}") from None
