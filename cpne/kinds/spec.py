"""What a kind of record is, declared once: the :class:`Kind` specification and its parts.

Each kind is one module of this package (``partner.py``, ``opinion.py``, …) holding one
``KIND = Kind(...)``. Everything generic — the commands ``add/new``, ``update``,
``list``, ``show``, ``edit``, ``history``, ``set-status``, ``renumber``, id allocation,
the id/year check, reference checks, ``export json`` and ``export register`` — reads
these specifications and never names a kind. What is particular to a kind (the
opinion's decision rules, the review's version check) is a function the spec points to.

A spec is checked when it is built: a missing or contradictory part is an error at
import time (:class:`SpecError`), never a silent omission. Enumerations (the values a
choice accepts) are not written here: they are read from the kind's JSON Schema.

What a person reads — a kind's ``help``, a field's ``label``, ``help`` and ``metavar``,
a column's ``header``, a shortcut's or an addition's help — is English marked ``N_()``
(:mod:`cpne.i18n`): the specs are built at import, so those texts are translated with
``_()`` where they are shown. Messages built when a rule runs are translated there.

Pure Python: nothing heavy is imported (``cpne --help`` builds the commands from these).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from cpne.i18n import N_
from cpne.kinds.lifecycle import Lifecycle, Violation

Record = Mapping[str, Any]
Pointer = tuple[str | int, ...]


class Index(Protocol):
    """The records of indexed kinds, as cross-record checks see them."""

    def get(self, kind: str, record_id: str) -> Record | None: ...

    @property
    def quorum(self) -> int | None:
        """The register's ``quorum`` (``cpne.yaml``): members present or represented a decision needs."""


# (kind name, text) -> the records of that kind whose file contains the text (a cheap first filter)
Finder = Callable[[str, str], Iterable[Record]]


class SpecError(Exception):
    """A kind's specification is incomplete or contradicts itself (a programming error)."""


@dataclass(frozen=True)
class Reference:
    """A field of a record that names records of other kinds.

    ``path`` is a tuple of keys; ``"*"`` stands for every item of a list.
    """

    path: tuple[str, ...]
    targets: tuple[str, ...]

    def find(self, record: Record) -> Iterator[tuple[Pointer, str]]:
        """Every (pointer, value) this reference designates in ``record``."""

        def walk(node: Any, rest: tuple[str, ...], at: Pointer) -> Iterator[tuple[Pointer, str]]:
            if not rest:
                if isinstance(node, str):
                    yield at, node
                return
            head, tail = rest[0], rest[1:]
            if head == "*":
                if isinstance(node, list):
                    for index, item in enumerate(node):
                        yield from walk(item, tail, (*at, index))
            elif isinstance(node, Mapping) and head in node:
                yield from walk(node[head], tail, (*at, head))

        yield from walk(record, self.path, ())

    def values(self, record: Record) -> list[str]:
        """The ids this reference names in ``record`` (as :meth:`find`, without pointers: the fast path)."""
        nodes: list[Any] = [record]
        for head in self.path:
            if head == "*":
                nodes = [item for node in nodes if isinstance(node, list) for item in node]
            else:
                nodes = [node[head] for node in nodes if isinstance(node, Mapping) and head in node]
            if not nodes:
                return []
        return [node for node in nodes if isinstance(node, str)]


FIELD_TYPES = ("text", "date", "int", "choice", "choices", "ref", "refs", "texts", "items", "append")
LIST_TYPES = ("choices", "refs", "texts", "items", "append")


@dataclass(frozen=True)
class Field:
    """One field the command line can set, and the option that sets it.

    ``type``: text | date | int | choice (one value of the schema's enum at ``path``) |
    choices (several) | ref / refs (ids of ``target`` kinds) | texts (several texts) |
    items (several structured items, each parsed from one text by ``parse``) | append
    (like items, but added to the current list; ``update`` only).
    """

    key: str  # the parameter's name, and the key of the values mapping
    option: str  # what a user types
    path: tuple[str, ...]  # where the value goes in the record
    type: str
    label: str  # how prompts and messages name it (N_)
    help: str = ""  # the option's help (N_; ``{choices}``: the enum's values, for fields with ``enum``)
    metavar: str | None = None  # N_
    target: tuple[str, ...] = ()  # kinds a ref/refs field names
    required: bool = False  # add/new needs it: prompted on a terminal, refused otherwise
    required_if: Callable[[Mapping[str, Any]], bool] | None = None  # needed given the other values
    parse: Callable[[str, str], dict[str, Any]] | None = None  # items/append: one text -> one item
    enum: tuple[str, ...] = ()  # choice/choices: schema path of the enum, when not ``path``
    commands: tuple[str, ...] = ("new", "update")  # which commands take it
    from_file: bool = False  # the option names a file (``-``: stdin) whose text is the value
    suggest: Callable[[Callable[[str, str], Record | None], Mapping[str, Any]], list[str]] | None = None

    def __post_init__(self) -> None:
        if self.type not in FIELD_TYPES:
            raise SpecError(f"field {self.key}: unknown type '{self.type}' (one of {', '.join(FIELD_TYPES)})")
        if self.type in ("ref", "refs") and not self.target:
            raise SpecError(f"field {self.key}: a {self.type} field needs target kinds")
        if self.type in ("items", "append") and self.parse is None:
            raise SpecError(f"field {self.key}: an {self.type} field needs parse")
        if self.type == "append" and self.commands != ("update",):
            raise SpecError(f"field {self.key}: an append field is for update only")
        if not self.option.startswith("--"):
            raise SpecError(f"field {self.key}: option '{self.option}' must start with --")

    @property
    def enum_path(self) -> tuple[str, ...]:
        return self.enum or self.path

    @property
    def enum_key(self) -> str:
        """The property holding the field's enum: its labels' catalog context is ``KIND.KEY``."""
        return enum_key(self.enum_path)

    def needed(self, values: Mapping[str, Any]) -> bool:
        return self.required or (self.required_if is not None and self.required_if(values))


def enum_key(path: tuple[str, ...]) -> str:
    """The property holding the enum at ``path`` (its labels' catalog context is ``KIND.KEY``)."""
    return [key for key in path if key != "*"][-1]


@dataclass(frozen=True)
class Filter:
    """A filter of ``list``: an option and the test a record must pass.

    ``type``: choice (one value of the schema's enum at ``enum``) | choices (repeatable) |
    text | int | flag (``--a/--b``: True, False or not given) | day (a switch judged on a day:
    ``--due [--on DATE]``; ``test`` receives the day, ``day`` the option giving it, today by default).

    ``fail``: an option (``--fail``) going with the filter that makes ``list`` exit 1 when it lists a
    record (a scheduled job's check); it and ``day`` are refused without the filter's own option.
    """

    key: str
    option: str
    type: str
    help: str
    test: Callable[[Record, Any], bool]
    metavar: str | None = None
    enum: tuple[str, ...] = ()
    day: str = ""  # a day filter: the option giving the day (``--on``)
    day_help: str = ""
    fail: str = ""  # the option making ``list`` exit 1 when a record passes (``--fail``)
    fail_help: str = ""

    def __post_init__(self) -> None:
        if self.type not in FILTER_TYPES:
            raise SpecError(f"filter {self.key}: unknown type '{self.type}'")
        if self.type in ("choice", "choices") and not self.enum:
            raise SpecError(f"filter {self.key}: a {self.type} filter needs the schema path of its enum")
        if (self.type == "day") != bool(self.day) or bool(self.day) != bool(self.day_help):
            raise SpecError(f"filter {self.key}: a day filter, and only it, names its day option and its help")
        if bool(self.fail) != bool(self.fail_help):
            raise SpecError(f"filter {self.key}: a fail option needs its help")
        if any(o and not o.startswith("--") for o in (self.option, self.day, self.fail)):
            raise SpecError(f"filter {self.key}: options start with --")

    @property
    def companions(self) -> tuple[tuple[str, str, str], ...]:
        """The options that go with this filter's own: (parameter key, option, help) of ``day`` and ``fail``."""
        return tuple((option_key(o), o, h) for o, h in ((self.day, self.day_help), (self.fail, self.fail_help)) if o)


FILTER_TYPES = ("choice", "choices", "text", "int", "flag", "day")


def option_key(option: str) -> str:
    """The parameter's name of an option: ``--on`` is ``on``, ``--due-on`` is ``due_on``."""
    return option.removeprefix("--").replace("-", "_")


@dataclass(frozen=True)
class Column:
    """A column of ``list``: its header and how a record's cell is written."""

    header: str
    get: Callable[[Record], str]


SHOWS = ("text", "date", "url", "number", "words")


@dataclass(frozen=True)
class Shown:
    """A column of the kind's table in ``export register``: its header's label key, what it shows, and how.

    ``value`` is an attribute of the record's view (dotted: ``dates.created``; ``record.<field>`` reaches the
    record as stored); ``show``: text, a date written as the language writes it, an address, a number
    (right-aligned), or ``words`` translated by the labels' table ``words``.
    """

    header: str
    value: str
    show: str = "text"  # one of SHOWS
    words: str | None = None  # show "words": the labels' table translating the value

    def __post_init__(self) -> None:
        if self.show not in SHOWS or (self.show == "words") != (self.words is not None):
            raise SpecError(f"column {self.header}: show one of {', '.join(SHOWS)}; 'words' names its table")


def shown_text(header: str, value: str | None = None) -> Shown:
    """A column of text (``value``: the view's attribute, by default the header's key)."""
    return Shown(header, value or header)


def shown_date(header: str, value: str | None = None) -> Shown:
    return Shown(header, value or header, "date")


@dataclass(frozen=True)
class StatusInput:
    """What ``set-status`` takes for some statuses (an opinion's withdrawal reason, its decision)."""

    fields: tuple[Field, ...]
    statuses: tuple[str, ...]  # the statuses these options go with
    required: tuple[str, ...] = ()  # keys of ``fields`` that these statuses need
    ask_if_missing: tuple[str, ...] = ()  # keys of ``fields`` asked for on a terminal when the record lacks them
    # the record as it would be: what it still lacks, said as the options to give (a usage error), or None
    check: Callable[[Record], str | None] | None = None
    # the key of a ref field: without --date, the status's date is the ``date`` of the record it names
    date_from: str = ""


@dataclass(frozen=True)
class Addition:
    """A command that appends one dated item to a list, allowed even on a frozen record (a corrigendum)."""

    name: str
    help: str
    path: tuple[str, ...]  # the list
    fields: tuple[Field, ...]  # what an item holds (``required`` ones needed); a ``date`` defaults to today
    statuses: tuple[str, ...] = ()  # the statuses it is for (empty: any)
    verb: str = ""  # the commit's verb (default: the command's name)
    argument: str = ""  # the key of a field given as an argument after the record's id (``join GROUP PARTNER``)
    defaults: Mapping[str, Any] = field(default_factory=dict)  # values an item starts with (not required then)
    replaces: str = ""  # the key of a field naming the item: an item naming the same replaces it (``attend``)

    def __post_init__(self) -> None:
        if not self.fields or any(len(f.path) != 1 for f in self.fields):
            raise SpecError(f"addition {self.name}: its fields are the item's own keys")
        keys = {f.key for f in self.fields}
        if (self.argument and self.argument not in keys) or (self.replaces and self.replaces not in keys):
            raise SpecError(f"addition {self.name}: its argument and replaces name its fields")


@dataclass(frozen=True)
class Ending:
    """A command that dates the end of the open item of a list (``group leave GROUP PARTNER`` sets ``left``).

    The item is the one whose ``match`` key holds the value given as an argument and that has no ``end`` yet.
    """

    name: str
    help: str
    path: tuple[str, ...]  # the list
    match: Field  # the item's key naming it, given as an argument (its metavar and help)
    end: str  # the item's key the date goes to
    date_help: str
    # refusal when no open item names the value (N_: translated, then formatted with noun, id, value)
    missing: str = N_("{noun} {id} has no open item for '{value}'")

    def __post_init__(self) -> None:
        if len(self.match.path) != 1:
            raise SpecError(f"ending {self.name}: its match is one of the item's own keys")


@dataclass(frozen=True)
class Shortcut:
    """A command that sets one field (``partner retire`` sets ``left``, ``theme archive`` the status)."""

    name: str
    help: str
    path: tuple[str, ...]
    value: str | None = None  # the value set; None: a date (``--date``, default today)
    date_help: str = ""
    date_path: tuple[str, ...] = ()  # with a value: where the date it happened goes too (``close`` dates ``closed``)
    # refusal when the field already holds a value (marked N_: translated, then formatted with kind, id, value)
    already: str = N_("{kind} {id} is already {value}")

    def __post_init__(self) -> None:
        if (self.value is None or self.date_path) and not self.date_help:
            raise SpecError(f"shortcut {self.name}: a date shortcut needs date_help (its --date option's help)")

    @property
    def dated(self) -> bool:
        """Whether it takes ``--date``."""
        return self.value is None or bool(self.date_path)


@dataclass(frozen=True)
class CrossIssue:
    """A problem a kind's own cross-record check finds in one record (at a pointer)."""

    pointer: Pointer
    code: str
    message: str
    warning: bool = False


@dataclass(frozen=True)
class IdScheme:
    """How ids look and how new ones are made: chosen slugs, or ``PREFIX-YYYY-NNN`` allocated by cpne."""

    pattern: re.Pattern[str]
    example: str
    prefix: str | None = None  # sequential ids: PREFIX-YYYY-NNN
    year_field: tuple[str, ...] = ()  # sequential ids: the date field that gives the year

    def __post_init__(self) -> None:
        if (self.prefix is None) != (not self.year_field):
            raise SpecError(f"ids like {self.example}: a prefix goes with the date field giving the year")
        if not self.pattern.match(self.example):
            raise SpecError(f"id example '{self.example}' does not match its own pattern")

    @property
    def sequential(self) -> bool:
        return self.prefix is not None


def sequential_ids(prefix: str, year_field: tuple[str, ...]) -> IdScheme:
    """``PREFIX-YYYY-NNN``: NNN a per-year sequence from 001, YYYY the year of ``year_field``."""
    return IdScheme(re.compile(rf"^{prefix}-(\d{{4}})-(\d{{3}})$"), f"{prefix}-2026-001", prefix, year_field)


SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def slug_ids(example: str) -> IdScheme:
    """Slugs chosen by the user (``amf``, ``usages``)."""
    return IdScheme(SLUG_RE, example)


@dataclass(frozen=True)
class Kind:
    """One kind of record, everything about it in one place."""

    name: str  # singular, the command's name: ``cpne opinion ...``
    folder: str  # data/<folder>/
    order: int  # position among kinds: validation, exports and help follow it
    help: str  # the sub-app's help
    ids: IdScheme
    fields: tuple[Field, ...]
    columns: tuple[Column, ...]
    section: str  # the kind's key in ``export json`` and its label key in exports
    references: tuple[Reference, ...] = ()
    filters: tuple[Filter, ...] = ()
    lifecycle: Lifecycle | None = None
    new_verb: str = "add"  # ``add`` (chosen ids) or ``new`` (allocated ids)
    new_help: str = ""
    unsettable: tuple[str, ...] = ()  # fields ``update --unset`` may remove (dotted for nested ones)
    settable_dates: tuple[str, ...] = ()  # ``update --set-date NAME=DATE``: names under ``dates``
    defaults: Mapping[str, Any] = field(default_factory=dict)  # top-level values a new record starts with
    numbered: str | None = None  # a top-level field holding a unique number, the next one by default
    # fills in values that follow from others: (record, keys of the fields given, whether it is new)
    complete: Callable[[dict[str, Any], frozenset[str], bool], None] | None = None
    rules: Callable[[Record], list[Violation]] | None = None  # single-record rules beyond schema and lifecycle
    cross: Callable[[Record, Index], Iterator[CrossIssue]] | None = None  # checks against other records
    cross_reads: frozenset[str] = frozenset()  # top-level fields ``cross`` reads
    # kinds that are not indexed whose records ``cross`` reads (through ``Index.get``): their ``cross_reads``
    reads: tuple[str, ...] = ()
    indexed: bool = False  # kept whole for other kinds' checks and for labels (small kinds)
    caption: Callable[[Record], str] | None = None  # how a person recognises a record in lists of choices
    # the noun naming one record in messages (cpne.words.noun): the kind's name unless this says otherwise
    noun_of: Callable[[Record], str] | None = None
    short: str | None = None  # the field that names a record briefly beside its id (``show``)
    offer: Callable[[Record], bool] | None = None  # which records prompts offer (None: all)
    sort_key: Callable[[Record], tuple[Any, ...]] | None = None  # list order (None: by id)
    shortcuts: tuple[Shortcut, ...] = ()
    additions: tuple[Addition, ...] = ()
    endings: tuple[Ending, ...] = ()
    status_inputs: tuple[StatusInput, ...] = ()
    # what else a status change does to the record: (record, old status, new status, its date)
    on_status: Callable[[dict[str, Any], str, str, str], None] | None = None
    # run when update or a shortcut changes a record: (find, old, new) -> why the change is refused, or None
    on_change: Callable[[Finder, Record, Record], str | None] | None = None
    private: Callable[[dict[str, Any]], dict[str, Any]] | None = None  # drops personal data from exports
    register_columns: tuple[Shown, ...] = ()  # its table in ``export register`` (none: derived from the schema)
    schema_dir: Path | None = None  # where the schema shipped with the kind lives (None: cpne's own)

    def __post_init__(self) -> None:
        if self.lifecycle is not None and not self.lifecycle.kind:
            # its messages label the statuses from this kind's schema
            object.__setattr__(self, "lifecycle", replace(self.lifecycle, kind=self.name))
        for problem in (*self._naming_problems(), *self._id_problems(), *self._lifecycle_problems()):
            raise SpecError(f"kind '{self.name}': {problem}")

    def _naming_problems(self) -> Iterator[str]:
        if not re.fullmatch(r"[a-z]+", self.name) or not re.fullmatch(r"[a-z]+", self.folder):
            yield "name and folder are lower-case words"
        keys = [f.key for f in self.fields]
        if len(keys) != len(set(keys)):
            yield "two fields share a key"
        listed = [*(f.key for f in self.filters), *(key for f in self.filters for key, _o, _h in f.companions)]
        if len(listed) != len(set(listed)):
            yield "two options of list share a name"
        if any(not ref.path or not ref.targets for ref in self.references):
            yield "a reference needs a path and targets"
        if self.cross is not None and not self.cross_reads:
            yield "say which fields its cross-record check reads (cross_reads)"
        if not self.section or not self.columns:
            yield "an export section and list columns are required"

    def _id_problems(self) -> Iterator[str]:
        if not self.ids.sequential:
            return
        year = [f for f in self.fields if f.path == self.ids.year_field]
        if not year or year[0].type != "date":
            yield f"the id's year field {'.'.join(self.ids.year_field)} needs a date field"
        if self.new_verb != "new":
            yield "records with allocated ids are made by `new`"

    def _lifecycle_problems(self) -> Iterator[str]:
        if self.lifecycle is None:
            if self.status_inputs:
                yield "status inputs need a lifecycle"
            return
        if self.lifecycle.kind != self.name:
            yield f"its lifecycle is the lifecycle of '{self.lifecycle.kind}'"
        if "status" in self.defaults:
            yield "a lifecycle's records start in its initial status, not a default"
        known = (*self.lifecycle.date_names, *self.lifecycle.other_dates)
        for name in self.settable_dates:
            if name not in known:
                yield f"settable date '{name}' is not a date of the lifecycle"

    # -- derived ---------------------------------------------------------------------------

    @property
    def schema_file(self) -> str:
        return f"{self.name}.schema.json"

    @property
    def data_dir(self) -> str:
        return f"data/{self.folder}"

    @property
    def id_re(self) -> re.Pattern[str]:
        return self.ids.pattern

    @property
    def id_example(self) -> str:
        return self.ids.example

    @property
    def id_prefix(self) -> str | None:
        return self.ids.prefix

    def normalize_id(self, value: str) -> str:
        """An id as typed, in the case its pattern wants (``MEN`` is ``men``, ``op-2026-001`` is ``OP-2026-001``).

        Text that fits in no case is returned as typed: the caller's check names it.
        """
        value = value.strip()
        for candidate in (value, value.lower(), value.upper()):
            if self.valid_id(candidate):
                return candidate
        return value

    def valid_id(self, value: str) -> bool:
        # fullmatch: a pattern's ``$`` would accept a final newline
        return bool(self.ids.pattern.fullmatch(value))

    def year_of(self, record: Record) -> str:
        """The year a sequential id carries, from the record's date ('' when it has none)."""
        node: Any = record
        for key in self.ids.year_field:
            node = node.get(key) if isinstance(node, Mapping) else None
        return node[:4] if self.ids.year_field and isinstance(node, str) else ""

    def noun_key(self, record: Record | None = None) -> str:
        """What names ``record`` in messages (an opinion by its type: ``recommendation``)."""
        if record is not None and self.noun_of is not None:
            return self.noun_of(record)
        return self.name

    def title(self, path: tuple[str, ...]) -> str | None:
        """The French title the kind's schema gives the property at ``path`` (editors show it too)."""
        from cpne.kinds.enums import property_title, schema_at
        from cpne.resources import schemas_dir

        return property_title(schema_at(self.schema_dir or schemas_dir(), self.name), path)

    def enum(self, path: tuple[str, ...]) -> tuple[str, ...]:
        """The values the kind's schema allows at ``path`` (the single source of every choice)."""
        from cpne.kinds.enums import enum_at
        from cpne.resources import schemas_dir

        return enum_at(self.schema_dir or schemas_dir(), self.name, path)

    def choices(self, item: Field | Filter) -> tuple[str, ...]:
        return self.enum(item.enum_path if isinstance(item, Field) else item.enum)

    def field(self, key: str) -> Field:
        for item in self.fields:
            if item.key == key:
                return item
        raise KeyError(f"{self.name} has no field {key}")

    def fields_for(self, command: str) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if command in f.commands)

    @property
    def cross_fields(self) -> frozenset[str] | None:
        """The top-level fields cross-record checks read of this kind's records (None: all of them)."""
        if self.indexed:
            return None
        return frozenset({"id", *(ref.path[0] for ref in self.references), *self.cross_reads})

    @property
    def a(self) -> str:
        """The kind's name with its English article: ``a partner``, ``an opinion`` (English only: developers')."""
        return f"{'an' if self.name[0] in 'aeiou' else 'a'} {self.name}"

    def label_of(self, record: Record) -> str:
        """What names a record beside its id (``AMF`` for ``amf``), '' when nothing does."""
        value = record.get(self.short or "title")
        return str(value) if value is not None else ""


# -- helpers for writing specs ---------------------------------------------------------------


def value_at(record: Record, path: tuple[str, ...]) -> Any:
    """The value at ``path`` in ``record`` (None when a key is missing or a node is not a mapping)."""
    node: Any = record
    for key in path:
        if not isinstance(node, Mapping):
            return None
        node = node.get(key)
    return node


def cell(value: Any) -> str:
    """A value as one table cell: lists joined with commas, nothing for None."""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def column(header: str, *path: str) -> Column:
    """A ``list`` column showing the value at ``path``."""
    return Column(header, lambda record: cell(value_at(record, path)))


def equals(key: str, option: str, help: str, *, enum: tuple[str, ...] = (), metavar: str | None = None) -> Filter:
    """Records whose top-level field ``key`` equals the value given (one of the schema's enum, if ``enum``)."""
    return Filter(
        key, option, "choice" if enum else "text", help, lambda r, v: r.get(key) == v, metavar=metavar, enum=enum
    )


def contains(key: str, option: str, help: str, *, enum: tuple[str, ...] = (), metavar: str | None = None) -> Filter:
    """Records whose list field ``key`` holds the value given."""

    def test(record: Record, value: Any) -> bool:
        items = record.get(key)
        return isinstance(items, list) and value in items

    return Filter(key, option, "choice" if enum else "text", help, test, metavar=metavar, enum=enum)


def statuses(help: str) -> Filter:
    """``--status`` (repeatable): records in any of the statuses given."""
    return Filter(
        "status", "--status", "choices", help, lambda r, v: r.get("status") in v, metavar=N_("STATUS"), enum=("status",)
    )


def year(help: str, year_field: tuple[str, ...]) -> Filter:
    """``--year N``: records whose ``year_field`` date falls in year N."""
    return Filter(
        "year",
        "--year",
        "int",
        help,
        lambda r, v: str(value_at(r, year_field) or "")[:4] == f"{v:04d}",
        metavar=N_("N"),
    )
