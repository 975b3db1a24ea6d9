"""Files a build keeps for the next one: written atomically, read back strictly.

The extraction cache, the step memos, the page and file records and the
output digests all keep JSON between builds. Each must survive a build
killed half-way and a file edited or truncated by hand, so they share the
two rules here:

- a file is written to a temporary file in the same folder and renamed into
  place (``os.replace``): a reader sees the old file or the new one, never a
  part of either; the temporary file is removed when writing fails;
- a file that cannot be read, is not JSON, is not a JSON object or (when it
  was written ``checksummed``) fails its checksum reads as ``None``: the
  caller rebuilds what it held, it never serves it.

>>> import tempfile
>>> path = Path(tempfile.mkdtemp(), "deep", "record.json")
>>> write_json(path, {"b": 1, "a": [2]}, checksum=True)
>>> read_json_object(path, checksum=True)
{'a': [2], 'b': 1}
>>> read_json_object(path) is None  # the first line is the checksum, not JSON
True
>>> _ = path.write_bytes(path.read_bytes()[:-3])  # truncated: never served
>>> read_json_object(path, checksum=True) is None
True
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)


def checksummed(payload: bytes) -> bytes:
    """``payload`` after a first line with its SHA-256, as entries are stored."""
    return hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


def verified(data: bytes) -> bytes:
    """The payload of a stored entry, or ``ValueError`` when its checksum does not match.

    >>> verified(checksummed(b"{}"))
    b'{}'
    """
    digest, sep, payload = data.partition(b"\n")
    if not sep or hashlib.sha256(payload).hexdigest().encode() != digest:
        raise ValueError("checksum mismatch (truncated or altered)")
    return payload


def write_atomically(path: Path | str, payload: bytes) -> None:
    """Write ``payload`` to ``path`` (creating its folder) through a temporary file renamed into place.

    Raises ``OSError`` when the folder or the file cannot be written; no temporary file is left then.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json(path: Path | str, value: Any, checksum: bool = False) -> None:
    """``value`` as JSON (keys sorted, so the same value gives the same bytes), written atomically."""
    payload = json.dumps(value, ensure_ascii=False, sort_keys=True).encode()
    write_atomically(path, checksummed(payload) if checksum else payload)


def read_json_object(path: Path | str | None, checksum: bool = False) -> dict[str, Any] | None:
    """The JSON object stored at ``path``; None when it is missing, unreadable, altered or not an object."""
    if path is None:
        return None
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    try:
        value = json.loads(verified(data) if checksum else data)
    except ValueError as err:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        logger.debug("%s is unreadable (%s); what it held is computed again", path, err)
        return None
    return value if isinstance(value, dict) else None
