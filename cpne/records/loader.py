"""Strict, fast loading of one YAML record.

A record is UTF-8, at most 1 MiB, one YAML document whose top level is a
mapping with text keys; duplicate keys, anchors, aliases, merge keys and tags
are refused. Dates stay strings (``2015-10-01``), so the schema's
``format: date`` and the canonical writer see exactly what the file holds.

Loading uses libyaml (``CSafeLoader``) when PyYAML has it. Locations are not
kept for every value: when a problem needs a line, :func:`locate` composes the
file again and walks to the value (problems are rare, records are many).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import yaml

from cpne.i18n import _, pgettext
from cpne.records.text import excerpt

MAX_BYTES = 1024 * 1024
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
MERGE_TAG = "tag:yaml.org,2002:merge"
INT_TAG = "tag:yaml.org,2002:int"
# Integers Python can still write as text (its limit is 4300 digits): longer ones are refused.
MAX_INT_BITS = 14_000
# How long a YAML parser's message may be (they quote tags and characters).
MAX_MESSAGE = 160
HAS_LIBYAML: bool = bool(getattr(yaml, "__with_libyaml__", False))

_BaseLoader: Any = yaml.CSafeLoader if HAS_LIBYAML else yaml.SafeLoader

# Anchors (&a), aliases (*a) and tags (!t) start a node: after indentation or
# a flow/block indicator. French text ("Attention !") puts a space after "!",
# so this rarely fires on prose; when it fires, the event stream decides.
_SUSPECT_RE = re.compile(r"(?:^|[\s\[\{,])[&*!][^\s,\[\]{}]", re.MULTILINE)
_CONFLICT_RE = re.compile(r"^(<{7}|>{7}|={7})( |$)", re.MULTILINE)


class LoadError(Exception):
    """A file that is not a readable record. ``code`` is the stable problem code."""

    def __init__(self, code: str, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column


def _without_timestamps(resolvers: dict[Any, Any]) -> dict[Any, Any]:
    return {key: [(tag, rx) for tag, rx in value if tag != TIMESTAMP_TAG] for key, value in resolvers.items()}


class RecordLoader(_BaseLoader):  # type: ignore[misc]
    """Safe loader that keeps dates as text and refuses what records must not hold."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = _without_timestamps(_BaseLoader.yaml_implicit_resolvers)

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:
            raise LoadError("alias", _("aliases (*name) are not allowed in records; write the value out"), *_pos(node))
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                raise LoadError("alias", _("merge keys (<<) are not allowed in records"), *_pos(key_node))
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str):
                raise LoadError(
                    "key-type", _("field names must be text, not {what}").format(what=describe(key)), *_pos(key_node)
                )
            if key in mapping:
                raise LoadError(
                    "duplicate-key", _("duplicate field '{name}'").format(name=excerpt(key)), *_pos(key_node)
                )
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        try:
            value: int = super().construct_yaml_int(node)
        except ValueError:  # more digits than Python converts
            value = 1 << MAX_INT_BITS
        if value.bit_length() >= MAX_INT_BITS:
            raise LoadError(
                "yaml-syntax", _("a number too long (more than 4,000 digits); put it in quotes"), *_pos(node)
            )
        return value


RecordLoader.add_constructor(INT_TAG, RecordLoader.construct_yaml_int)


def describe(value: Any) -> str:
    """How a value's type is named in messages to users."""
    if isinstance(value, bool):
        return _("true/false ({value})").format(value=str(value).lower())
    if isinstance(value, (int, float)):
        return _("a number ({value})").format(value=excerpt(value))
    if isinstance(value, str):
        return _("text ('{value}')").format(value=excerpt(value))
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    if value is None:
        return _("nothing (null)")
    return type(value).__name__


def _pos(node: yaml.Node) -> tuple[int, int]:
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 only (a leading byte-order mark is accepted), size capped."""
    if len(data) > MAX_BYTES:
        raise LoadError(
            "too-large",
            _("file is {size} bytes; a record is at most {most} bytes (1 MiB)").format(
                size=number(len(data)), most=number(MAX_BYTES)
            ),
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError(
            "encoding",
            _("not valid UTF-8 (byte {byte}); save the file as UTF-8").format(byte=f"0x{data[exc.start]:02x}"),
            line,
            column,
        ) from None
    return text.removeprefix("\ufeff")


def _check_events(text: str) -> None:
    """Refuse anchors, aliases and explicit tags, found through the parser's events."""
    for event in yaml.parse(text, Loader=_BaseLoader):
        anchor = getattr(event, "anchor", None)
        mark = event.start_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        if isinstance(event, yaml.AliasEvent):
            raise LoadError(
                "alias",
                _("aliases (*{name}) are not allowed in records; write the value out").format(name=excerpt(anchor)),
                line,
                column,
            )
        if anchor is not None:
            raise LoadError(
                "alias", _("anchors (&{name}) are not allowed in records").format(name=excerpt(anchor)), line, column
            )
        tag = getattr(event, "tag", None)
        if tag is not None and isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            raise LoadError("tag", _("tags ({tag}) are not allowed in records").format(tag=excerpt(tag)), line, column)


def parse_text(text: str) -> dict[str, Any]:
    """Parse a record's text; raises :class:`LoadError` with a line for anything refused."""
    # The substring tests are a fast, exact prefilter: each regex needs one of them.
    match = _CONFLICT_RE.search(text) if ("<<<<<<<" in text or ">>>>>>>" in text or "=======" in text) else None
    if match is not None:
        line = text.count("\n", 0, match.start()) + 1
        raise LoadError(
            "merge-conflict",
            _(
                "unresolved git merge conflict markers; keep one version, or, if two records took the same id,"
                " abort the merge first (`git merge --abort`), then run `cpne renumber ID` on your branch and merge"
                " again"
            ),
            line,
        )
    if ("&" in text or "*" in text or "!" in text) and _SUSPECT_RE.search(text):
        _check_events_safely(text)
    loader = RecordLoader(text)
    try:
        data = loader.get_single_data()
    except LoadError:
        raise
    except yaml.MarkedYAMLError as exc:
        raise _from_yaml_error(exc) from None
    except yaml.YAMLError as exc:
        raise LoadError("yaml-syntax", invalid_yaml(_said(str(exc), keep_lines=True))) from None
    except (RecursionError, MemoryError):
        raise LoadError("yaml-syntax", _("invalid YAML: nesting too deep")) from None
    finally:
        loader.dispose()
    if data is None:
        raise LoadError("empty", _("empty file: a record is a YAML mapping of fields (id: ..., title: ...)"))
    if not isinstance(data, dict):
        raise LoadError(
            "not-mapping", _("the top level must be a mapping of fields, not {what}").format(what=describe(data))
        )
    return data


def _check_events_safely(text: str) -> None:
    try:
        _check_events(text)
    except yaml.MarkedYAMLError as exc:
        raise _from_yaml_error(exc) from None
    except yaml.YAMLError as exc:
        raise LoadError("yaml-syntax", invalid_yaml(_said(str(exc), keep_lines=True))) from None


def invalid_yaml(said: str) -> str:
    """The parser's own words (PyYAML's, in English), in cpne's sentence."""
    return _("invalid YAML: {said}").format(said=said) if said else _("invalid YAML")


def number(value: int) -> str:
    """A count as the language writes it: ``1,048,576``, « 1 048 576 »."""
    return f"{value:,}".replace(",", pgettext("thousands separator", ","))


def _said(message: str, *, keep_lines: bool = False) -> str:
    """A parser's message as cpne repeats it: control characters escaped, at most MAX_MESSAGE characters."""
    if keep_lines:  # PyYAML's reader errors run over two lines (a known gap of their location)
        return "\n".join(excerpt(line, MAX_MESSAGE) for line in message.split("\n"))
    return excerpt(message, MAX_MESSAGE)


def _from_yaml_error(exc: yaml.MarkedYAMLError) -> LoadError:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    parts = [p for p in (exc.context, exc.problem) if p]
    said = "; ".join(parts)  # PyYAML's words
    if "expected a single document" in said:
        message = _("more than one YAML document (---); a record is one document")
        return LoadError("multiple-documents", message, line, column)
    if exc.problem and "could not determine a constructor" in exc.problem:
        tag = exc.problem.split("for the tag")[-1].strip()
        message = _("tags are not allowed in records ({tag})").format(tag=excerpt(tag))
        return LoadError("tag", message, line, column)
    return LoadError("yaml-syntax", invalid_yaml(_said(said)), line, column)


@dataclass(frozen=True)
class LoadedFile:
    """A record file read and parsed."""

    text: str
    data: dict[str, Any]


class NotRegularFile(OSError):
    """A path that is no regular file (a symbolic link, a FIFO, a socket, a device, a folder): never read."""

    def __init__(self, path: str | os.PathLike[str], what: str) -> None:
        message = _("not a regular file ({what}); records must be regular files inside the repository").format(
            what=what
        )
        super().__init__(errno.EINVAL, message, os.fspath(path))
        self.what = what


def file_type(mode: int) -> str:
    """What a file that is not a regular one is, in words."""
    if stat.S_ISLNK(mode):
        return _("a symbolic link")
    if stat.S_ISFIFO(mode):
        return _("a FIFO")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISDIR(mode):
        return _("a folder")
    return _("a special file")


# Never follow a symbolic link, never wait on a FIFO, never take a terminal as controlling one.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def read_regular(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a regular file, never anything else: OSError (:class:`NotRegularFile`) otherwise.

    A symbolic link, FIFO, socket or device is refused from its ``lstat`` without being
    opened; the file is then opened without following links and without blocking, and
    ``fstat`` confirms it is a regular file (nothing was swapped in between).
    """
    mode = os.lstat(path).st_mode
    if not stat.S_ISREG(mode):
        raise NotRegularFile(path, file_type(mode))
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # became a link since the lstat
            raise NotRegularFile(path, _("a symbolic link")) from None
        raise
    with open(fd, "rb", closefd=True) as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(path, file_type(mode))
        return handle.read()


def read_record(path: str | os.PathLike[str]) -> LoadedFile:
    """Read and parse one record file; raises :class:`LoadError` (or OSError: unreadable, not a regular file)."""
    raw = read_regular(path)
    text = decode(raw)
    return LoadedFile(text, parse_text(text))


def load_yaml_file(path: Path, *, label: str) -> dict[str, Any]:
    """Load a settings-like YAML file strictly, turning problems into a CpneError naming ``label``."""
    from cpne.errors import RecordError

    try:
        return read_record(path).data
    except LoadError as exc:
        raise RecordError(exc.message, path=label, line=exc.line) from None
    except OSError as exc:
        raise RecordError(_("cannot read: {error}").format(error=exc.strerror), path=label) from None


def locate(text: str, pointer: tuple[str | int, ...]) -> tuple[int, int]:
    """Line and column of the value at ``pointer`` (key for mapping members, item for lists).

    Walks as deep as the document goes: a missing member points at its parent.
    """
    try:
        node: yaml.Node | None = yaml.compose(text, Loader=_BaseLoader)
    except yaml.YAMLError:
        return 1, 1
    if node is None:
        return 1, 1
    found = (1, 1) if not pointer else _pos(node)
    for part in pointer:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == part:
                    found = _pos(key_node)
                    node = value_node
                    break
            else:
                return found
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            found = _pos(node)
        else:
            return found
    return found
