"""The hash of a closing: the link of the book's hash chain."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from .frames import content_hash


def closing_hash(prev: str, header: Mapping[str, Any], cols: Mapping[str, list[Any]], arrays=None) -> str:
    """sha256 over the previous closing's hash, the header (canonical JSON) and every stored ledger cell."""
    h = hashlib.sha256()
    h.update(prev.encode() + b"\x1d")
    h.update(json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return content_hash(dict(cols), h, arrays).hexdigest()
