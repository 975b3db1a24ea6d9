"""Stable digests of values: plain data and the model's dataclasses, field by field.

Used wherever a build decides that something is unchanged since the last
build (``pagecache``: a page's inputs; ``memo``: a step's inputs). The
digest never depends on object addresses or hash seeds: a value that has no
stable encoding raises ``Unstable`` instead of giving a digest that changes
from run to run (or, worse, one that stays the same when the value changed).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import inspect
import sys
import types
from typing import Any

from markupsafe import Markup


class Unstable(TypeError):
    """A value without a stable encoding (an object whose text holds its address)."""


_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(kind: type) -> tuple[str, ...]:
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(kind))
    return names


class Encoder:
    """A stable digest of plain values and dataclasses, each dataclass object hashed once per build.

    >>> enc = Encoder()
    >>> enc.digest({"a": [1, "x", None]}) == Encoder().digest({"a": [1, "x", None]})
    True
    >>> enc.digest([1]) != enc.digest((1,)) and enc.digest("1") != enc.digest(1)
    True
    >>> enc.digest(object())
    Traceback (most recent call last):
    ...
    generator.digest.Unstable: no stable encoding for object
    """

    def __init__(self) -> None:
        self._seen: dict[int, tuple[Any, bytes]] = {}  # id → (object kept alive, digest)

    def digest(self, value: Any) -> str:
        h = hashlib.sha256()
        self._feed(h, value)
        return h.hexdigest()

    def _object(self, value: Any) -> bytes:
        seen = self._seen.get(id(value))
        if seen is not None and seen[0] is value:
            return seen[1]
        h = hashlib.sha256(f"D{type(value).__module__}.{type(value).__qualname__}(".encode())
        for name in _fields(type(value)):
            h.update(name.encode() + b"=")
            self._feed(h, getattr(value, name))
        digest = h.digest()
        self._seen[id(value)] = (value, digest)
        return digest

    def _feed(self, h: Any, value: Any) -> None:  # noqa: C901 - one branch per kind of value
        kind = type(value)
        if value is None or kind is bool:
            h.update(f"{value!r};".encode())
        elif kind is str:
            h.update(b"s%d:" % len(value) + value.encode("utf-8", "surrogatepass"))
        elif kind is Markup:
            h.update(b"m%d:" % len(value) + str(value).encode("utf-8", "surrogatepass"))
        elif kind is int or kind is float:
            h.update(f"{kind.__name__[0]}{value!r};".encode())
        elif kind is list or kind is tuple:
            h.update(b"%s%d[" % (kind.__name__[0].encode(), len(value)))
            for item in value:
                self._feed(h, item)
        elif kind is dict:
            h.update(b"d%d{" % len(value))
            for key, item in value.items():
                self._feed(h, key)
                self._feed(h, item)
        elif kind is set or kind is frozenset:
            h.update(b"S" + b"".join(sorted(bytes.fromhex(self.digest(item)) for item in value)))
        elif isinstance(value, tuple):  # a named tuple (Pelican's PaginationRule)
            h.update(f"n{kind.__module__}.{kind.__qualname__}{len(value)}[".encode())
            for item in value:
                self._feed(h, item)
        elif kind in (dt.date, dt.datetime):
            h.update(f"{kind.__name__}{value.isoformat()};".encode())
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            h.update(self._object(value))
        elif callable(value) and hasattr(value, "__qualname__"):
            h.update(callable_text(value).encode())
        else:
            raise Unstable(f"no stable encoding for {kind.__qualname__}")


def callable_text(function: Any) -> str:
    """A function setting (a Jinja filter, a slug function) as its name and source text.

    A built-in (``operator.ne``) has no source: its name and Python's version stand for it.

    >>> import operator
    >>> callable_text(operator.ne).startswith("B_operator.ne ")
    True
    """
    name = f"{getattr(function, '__module__', '')}.{function.__qualname__}"
    if isinstance(function, types.BuiltinFunctionType):
        return f"B{name} {sys.version}"
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError) as err:
        raise Unstable(f"no source for {function!r}") from err
    return f"F{name}\n{source}"
