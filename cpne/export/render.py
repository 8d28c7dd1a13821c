"""The Jinja2 environments that render Markdown exports.

Shipped templates (``cpne/export/templates/``) and user templates (``--template
FILE``) share one configuration:

- ``StrictUndefined``: a name the context does not hold is an error, never an
  empty string;
- every ``{{ value }}`` is escaped for Markdown by ``finalize`` (record content is
  data: it is never read as template source nor as Markdown syntax); the
  ``text``, ``heading``, ``body`` filters and the ``link``, ``url``, ``pie``, ``bars``
  functions return text already made safe for their place, and ``| safe`` prints
  a value as it is;
- a user template runs in Jinja2's sandbox (``ImmutableSandboxedEnvironment``:
  no ``__class__``, no ``mro``, no unsafe methods, and no changes to the lists
  and mappings it is given). It may include or extend the shipped templates,
  and the regular files of its own folder (no symbolic link leading out of it,
  nothing under ``.git``);
- the sandbox bounds sizes (:class:`BoundedSandbox`): no text it builds may pass
  :data:`MAX_TEXT` characters, no list :data:`MAX_ITEMS` items, no integer
  :data:`MAX_INT_BITS` bits, and its output :data:`MAX_OUTPUT` characters. Operations
  that multiply a size (``*``, ``%``, ``**``, ``center``, ``replace``, ``join``,
  ``format``, ``indent``, ``wordwrap``…) are refused before they run when their result
  would pass the limit; every other call, filter, operator and ``~`` is checked once
  it has run.

Template failures become :class:`TemplateError` (exit 1) naming the template file
and line. Jinja2 is imported only here, and this module only by the exports.
"""

from __future__ import annotations

import functools
import inspect
import os
import re
import stat
import string
import traceback
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.loaders import split_template_path
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum
from markupsafe import Markup

from cpne.errors import CpneError, os_reason
from cpne.export import markdown
from cpne.export.figures import Count
from cpne.export.labels import format_date
from cpne.i18n import N_, _, ngettext, pgettext

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATES_HINT = N_("the variables a template receives are listed in docs/templates.md")  # shown as _(TEMPLATES_HINT)


class TemplateError(CpneError):
    """A template that cannot be read, compiled or rendered."""


def _finalize(value: Any) -> Any:
    """What every ``{{ expression }}`` prints: Markup as is, None as nothing, the rest escaped for Markdown."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return str(value)
    return markdown.inline(str(value))


def _filters(lang: str) -> dict[str, Callable[..., Any]]:
    def date(value: str | None) -> str:
        return format_date(value, lang) if value else ""

    def text(value: str | None) -> Markup:
        return Markup(markdown.paragraphs(value)) if value else Markup("")

    def heading(value: Any) -> Markup:
        return Markup(markdown.heading(str(value)))

    def inline(value: Any) -> Markup:
        return Markup(markdown.inline(str(value))) if value is not None else Markup("")

    def body(value: str | None, top_level: int = 3, reserved: Iterable[str] = ()) -> Markup:
        return Markup(markdown.body(value, top_level=top_level, reserved=reserved)) if value else Markup("")

    return {"date": date, "text": text, "heading": heading, "inline": inline, "body": body}


def _link(text: str, url: str) -> Markup:
    return Markup(markdown.link(text, url))


def _url(url: str) -> Markup:
    return Markup(markdown.autolink(url))


def _pie(title: str, counts: Sequence[Count]) -> Markup:
    return Markup(markdown.mermaid_pie(title, [(c.label, c.value) for c in counts]))


def _bars(title: str, x_title: str, y_title: str, counts: Sequence[Count]) -> Markup:
    return Markup(markdown.mermaid_bars(title, x_title, y_title, [(c.label, c.value) for c in counts]))


_OPTIONS: dict[str, Any] = {
    "undefined": jinja2.StrictUndefined,
    "finalize": _finalize,
    "autoescape": False,
    "keep_trailing_newline": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "auto_reload": False,
}


def _configure(env: jinja2.Environment, lang: str) -> jinja2.Environment:
    env.filters.update(_filters(lang))
    env.globals.update({"link": _link, "url": _url, "pie": _pie, "bars": _bars})
    return env


def shipped_environment(lang: str) -> jinja2.Environment:
    """The environment of cpne's own templates (trusted: no sandbox, same escaping)."""
    return _configure(jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), **_OPTIONS), lang)


# -- the limits of a user template -------------------------------------------------------------

MAX_TEXT = 10_000_000  # characters of one text a user template builds (about 10 MB)
MAX_ITEMS = 1_000_000  # items of one list it builds
MAX_INT_BITS = 100_000  # bits of one integer it computes
MAX_OUTPUT = 100_000_000  # characters it writes in all
MAX_SOURCE = MAX_TEXT  # bytes of one template file
MAX_LIPSUM = 100  # paragraphs of lipsum()
MAX_LIPSUM_WORDS = 1000  # words of one paragraph of lipsum()
MAX_INDENT = 100  # tojson's indent


class TooLarge(Exception):
    """A value, or the output, of a user template would pass a limit."""


def number(value: int) -> str:
    """``value`` with its thousands grouped as the language groups them: ``10,000,000``, ``10 000 000``."""
    return f"{value:,}".replace(",", pgettext("thousands separator", ","))


def _refuse_text(size: int, *, of_bytes: bool = False) -> None:
    if size > MAX_TEXT:
        message = (
            _("a byte string of {size} bytes, more than a template may build ({max})")
            if of_bytes
            else _("a text of {size} characters, more than a template may build ({max})")
        )
        raise TooLarge(message.format(size=number(size), max=number(MAX_TEXT)))


def _refuse_items(size: int) -> None:
    if size > MAX_ITEMS:
        message = _("a list of {size} items, more than a template may build ({max})")
        raise TooLarge(message.format(size=number(size), max=number(MAX_ITEMS)))


def _refuse_bits(bits: int) -> None:
    if bits > MAX_INT_BITS:
        message = _("an integer of about {bits} bits, more than a template may build ({max})")
        raise TooLarge(message.format(bits=number(bits), max=number(MAX_INT_BITS)))


def _checked(value: Any) -> Any:
    """``value`` when it is within the limits (texts, lists, integers); TooLarge otherwise."""
    if isinstance(value, str):
        _refuse_text(len(value))
    elif isinstance(value, (list, tuple)):
        _refuse_items(len(value))
    elif isinstance(value, bytes):
        _refuse_text(len(value), of_bytes=True)
    elif isinstance(value, int) and not isinstance(value, bool):
        _refuse_bits(value.bit_length())
    return value


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, list, tuple, bytes)) else 0


def _int(value: Any) -> int:
    return value if isinstance(value, int) else 0


def _printf_widths(fmt: str, args: Any) -> None:
    """``fmt % args``: no width or precision beyond the limit (``*`` takes them from ``args``)."""
    values = args if isinstance(args, tuple) else (args,)
    for match in re.finditer(r"%[#0 +\-]*(\*|\d+)?(?:\.(\*|\d+))?", fmt):
        for group in match.groups():
            if group and group.isdigit():
                _refuse_text(int(group))
            elif group == "*":
                _refuse_text(max((_int(v) for v in values), default=0))


def _format_widths(fmt: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> None:
    """``fmt.format(...)``: no width or precision beyond the limit, nested fields included."""
    try:
        specs = [spec for _, _, spec, _ in string.Formatter().parse(fmt) if spec]
    except ValueError:
        return  # str.format will say what is wrong
    for spec in specs:
        for number in re.findall(r"\d+", spec):
            _refuse_text(int(number))
        if "{" in spec:
            _refuse_text(max((_int(v) for v in (*args, *kwargs.values())), default=0))


def _replaced_size(text: str, old: str, new: str, count: Any) -> int:
    times = len(text) + 1 if old == "" else text.count(old)
    if isinstance(count, int) and count >= 0:
        times = min(times, count)
    return len(text) + times * max(0, len(new) - len(old))


def _joined_size(separator: str, items: Sequence[Any]) -> int:
    return sum(len(str(item)) for item in items) + len(separator) * max(0, len(items) - 1)


def _arg(args: Sequence[Any], kwargs: Mapping[str, Any], index: int, name: str, default: Any = None) -> Any:
    if len(args) > index:
        return args[index]
    return kwargs.get(name, default)


def _method_call(method: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Refuse a call of a text's method whose result would pass the limit, before it runs; the args to call it with."""
    text = getattr(method, "__self__", None)
    if not isinstance(text, str):
        return args
    name = getattr(method, "__name__", "")
    if name in ("center", "ljust", "rjust", "zfill"):
        _refuse_text(max(len(text), _int(_arg(args, kwargs, 0, "width", 0))))
    elif name == "expandtabs":
        _refuse_text(len(text) * max(1, _int(_arg(args, kwargs, 0, "tabsize", 8))))
    elif name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
        _refuse_text(_replaced_size(text, args[0], args[1], _arg(args, kwargs, 2, "count", -1)))
    elif name == "join" and args:
        items = tuple(args[0])
        _refuse_items(len(items))
        _refuse_text(_joined_size(text, items))
        return (items, *args[1:])
    elif name == "translate" and args and isinstance(args[0], Mapping):
        longest = max((len(v) if isinstance(v, str) else 1 for v in args[0].values()), default=1)
        _refuse_text(len(text) * max(1, longest))
    elif name in ("format", "format_map"):
        _format_widths(text, args if name == "format" else (), kwargs if name == "format" else (args or [{}])[0])
    return args


def _filter_guard(name: str, func: Callable[..., Any]) -> Callable[..., Any] | None:
    """A check run before the filter ``name`` (with its arguments bound by name); None for filters that need none."""
    signature = inspect.signature(func)
    # A filter that takes the context, eval context or environment first receives it whether or not its
    # visible signature names it (async variants show the signature of their sync twin, without it).
    names = list(signature.parameters)
    skip = int(
        getattr(func, "jinja_pass_arg", None) is not None
        and (not names or names[0] not in ("context", "eval_ctx", "environment", "env"))
    )

    def bound(args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
        arguments = signature.bind(*args[skip:], **kwargs)
        arguments.apply_defaults()
        return arguments.arguments

    def center(a: dict[str, Any]) -> None:
        _refuse_text(max(len(str(a["value"])), _int(a["width"])))

    def indent(a: dict[str, Any]) -> None:
        width = a["width"]
        each = len(width) if isinstance(width, str) else _int(width)
        text = str(a["s"])
        _refuse_text(len(text) + (text.count("\n") + 1) * each)

    def wordwrap(a: dict[str, Any]) -> None:
        text, wrap = str(a["s"]), a["wrapstring"]
        breaks = len(text.split()) + len(text) // max(1, _int(a["width"])) + 1
        _refuse_text(len(text) + breaks * (len(wrap) if isinstance(wrap, str) else 2))

    def replace(a: dict[str, Any]) -> None:
        _refuse_text(_replaced_size(str(a["s"]), str(a["old"]), str(a["new"]), a["count"]))

    def format_(a: dict[str, Any]) -> None:
        _printf_widths(str(a["value"]), a["kwargs"] or a["args"])

    def slice_(a: dict[str, Any]) -> None:
        _refuse_items(_int(a["slices"]))

    def batch(a: dict[str, Any]) -> None:
        if a["fill_with"] is not None:
            _refuse_items(_int(a["linecount"]))

    def urlize(a: dict[str, Any]) -> None:
        text = str(a["value"])
        extra = sum(len(a[k]) for k in ("target", "rel") if isinstance(a[k], str))
        _refuse_text(3 * len(text) + (len(text.split()) + 1) * (60 + extra))

    def tojson(a: dict[str, Any]) -> None:
        indent_ = a["indent"]
        if (len(indent_) if isinstance(indent_, str) else _int(indent_)) > MAX_INDENT:
            message = _("an indent of more than {max} for tojson, more than a template may build")
            raise TooLarge(message.format(max=number(MAX_INDENT)))

    guards: dict[str, Callable[[dict[str, Any]], None]] = {
        "center": center,
        "indent": indent,
        "wordwrap": wordwrap,
        "replace": replace,
        "format": format_,
        "slice": slice_,
        "batch": batch,
        "urlize": urlize,
        "tojson": tojson,
    }
    guard = guards.get(name)
    if guard is None:
        return None

    def check(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        try:
            arguments = bound(args, kwargs)
        except TypeError:
            return  # the filter itself will say what is wrong with its arguments
        guard(arguments)

    return check


def _bounded_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """The filter ``func``, refusing beforehand what would pass a limit and checking what it returns."""
    guard = _filter_guard(name, func)
    passes = getattr(func, "jinja_pass_arg", None) is not None  # context, eval context or environment first

    @functools.wraps(func)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        if guard is not None:
            guard(args, kwargs)
        if name == "join":
            value_at = 1 if passes else 0
            if len(args) > value_at:
                items = tuple(args[value_at])
                _refuse_items(len(items))
                separator = _arg(args, kwargs, value_at + 1, "d", "")
                _refuse_text(_joined_size(separator if isinstance(separator, str) else "", items))
                args = (*args[:value_at], items, *args[value_at + 1 :])
        result = func(*args, **kwargs)
        if isinstance(result, Iterator):
            return result  # a generator (batch, slice, map…): each item is checked where it is used
        return _checked(result)

    return bounded


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    """Jinja2's ``lipsum``, with at most MAX_LIPSUM paragraphs of at most 1,000 words."""
    if n > MAX_LIPSUM or max > MAX_LIPSUM_WORDS:
        message = ngettext(
            "lipsum of {count} paragraph of up to {words} words, more than a template may build",
            "lipsum of {count} paragraphs of up to {words} words, more than a template may build",
            n,
        )
        raise TooLarge(message.format(count=number(n), words=number(max)))
    return str(generate_lorem_ipsum(n, html, min, max))


class _BoundedCodeGenerator(CodeGenerator):
    """Compiles ``a ~ b`` to a concatenation whose result is checked against the limit."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.checked(")
        super().visit_Concat(node, frame)
        self.write(")")


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, with bounded sizes: see the module's documentation."""

    intercepted_binops = frozenset({"*", "+", "%", "**"})
    code_generator_class = _BoundedCodeGenerator

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters = {name: _bounded_filter(name, func) for name, func in self.filters.items()}
        self.globals["lipsum"] = _lipsum

    @staticmethod
    def checked(value: Any) -> Any:
        return _checked(value)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            if isinstance(left, int) and isinstance(right, int):
                _refuse_bits(left.bit_length() + right.bit_length())
            elif isinstance(right, int) and isinstance(left, (str, list, tuple)):
                _checked_size(left, len(left) * max(0, right))
            elif isinstance(left, int) and isinstance(right, (str, list, tuple)):
                _checked_size(right, len(right) * max(0, left))
        elif operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
            _checked_size(left, _size(left) + _size(right))
        elif operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0:
            _refuse_bits(max(1, left.bit_length()) * right)
        elif operator == "%" and isinstance(left, str):
            _printf_widths(left, right)
        return _checked(super().call_binop(context, operator, left, right))

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        method = getattr(__obj, "__wrapped__", __obj)  # str.format comes wrapped by the sandbox
        args = _method_call(method, args, kwargs)
        return _checked(super().call(__context, __obj, *args, **kwargs))


def _checked_size(example: Any, size: int) -> None:
    if isinstance(example, str):
        _refuse_text(size)
    else:
        _refuse_items(size)


def _bounded_finalize(value: Any) -> Any:
    """What a user template prints: within the limit, then as every template prints it."""
    return _finalize(_checked(value))


class TemplateRefused(Exception):
    """A user template asked for a file it may not include."""

    def __init__(self, name: str, path: Path, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.path = path
        self.reason = reason


def _regular_source(path: Path) -> str:
    """The text of a template file: a regular file of at most MAX_SOURCE bytes, in UTF-8."""
    with open(path, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise TemplateRefused(path.name, path, _("not a regular file"))
        if info.st_size > MAX_SOURCE:
            raise TemplateRefused(path.name, path, _too_long())
        raw = handle.read(MAX_SOURCE + 1)
    if len(raw) > MAX_SOURCE:
        raise TemplateRefused(path.name, path, _too_long())
    return raw.decode("utf-8")


def _too_long() -> str:
    return _("larger than {max} bytes, the most a template may be").format(max=number(MAX_SOURCE))


class FolderLoader(jinja2.BaseLoader):
    """The files a user template may include, import or extend: regular files of its own folder.

    A name leading out of the folder (``..``, a symbolic link to elsewhere) or under ``.git``
    is refused, naming the file; the files it loads are remembered (for error locations).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()
        self.files: set[str] = set()

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)  # TemplateNotFound for '..'
        path = self.folder.joinpath(*pieces)
        if ".git" in pieces:
            raise TemplateRefused(template, path, _("a template may not include anything under .git"))
        if not os.path.lexists(path):
            raise jinja2.TemplateNotFound(template)
        real = path.resolve()
        if not real.is_relative_to(self.folder):
            reason = _("a symbolic link leading out of the template's folder {folder} (to {target})")
            raise TemplateRefused(template, path, reason.format(folder=self.folder, target=real))
        if ".git" in real.relative_to(self.folder).parts:
            raise TemplateRefused(template, path, _("a symbolic link to a file under .git (not for templates)"))
        if real.is_dir():
            raise jinja2.TemplateNotFound(template)
        try:
            source = _regular_source(real)
        except TemplateRefused as exc:
            raise TemplateRefused(template, path, exc.reason) from None
        except UnicodeDecodeError:
            raise TemplateRefused(template, path, _("not UTF-8 text")) from None
        except OSError as exc:
            raise TemplateRefused(template, path, _("cannot be read: {reason}").format(reason=os_reason(exc))) from None
        self.files.add(str(real))
        return source, str(real), lambda: True


def sandboxed_environment(lang: str, folder: Path) -> SandboxedEnvironment:
    """The sandbox for a user template: it can include cpne's templates, and the regular files of ``folder``."""
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(TEMPLATES), FolderLoader(folder)])
    env = BoundedSandbox(loader=loader, **{**_OPTIONS, "finalize": _bounded_finalize})
    _configure(env, lang)
    env.filters.update({name: _bounded_filter(name, func) for name, func in _filters(lang).items()})
    return env


def render_shipped(name: str, context: Mapping[str, Any], lang: str) -> str:
    """Render one of cpne's templates; the result is tidied (blank lines, final newline)."""
    template = shipped_environment(lang).get_template(name)
    return markdown.tidy(template.render(context))


def render_user(path: Path, context: Mapping[str, Any], lang: str) -> str:
    """Render a user's template in the sandbox; any failure is a TemplateError naming file and line."""
    shown = str(path)
    try:
        source = _regular_source(path)
    except FileNotFoundError:
        raise TemplateError(_("template not found"), path=shown) from None
    except IsADirectoryError:
        raise TemplateError(_("the template is a folder, not a file"), path=shown) from None
    except UnicodeDecodeError:
        raise TemplateError(_("the template is not UTF-8 text"), path=shown) from None
    except TemplateRefused as exc:
        raise TemplateError(_("the template cannot be used: {reason}").format(reason=exc.reason), path=shown) from None
    except OSError as exc:
        raise TemplateError(_("cannot read the template: {reason}").format(reason=os_reason(exc)), path=shown) from None
    env = sandboxed_environment(lang, path.resolve().parent)
    filename = str(path.resolve())
    files = {filename: shown}
    try:
        code = env.compile(source, name=path.name, filename=filename)
        template = env.template_class.from_code(env, code, env.make_globals(None))
        return _generate(template, context)
    except Exception as exc:  # a user template may fail in any way: report it as the template's fault
        files.update({name: name for name in _loaded(env)})
        raise _template_error(exc, files, shown) from None


def _generate(template: jinja2.Template, context: Mapping[str, Any]) -> str:
    """The template's output, stopped (at the line writing it) once it passes MAX_OUTPUT characters."""
    pieces: list[str] = []
    written = 0
    output = template.generate(context)
    assert isinstance(output, Generator)  # Template.generate is a generator function
    for piece in output:
        written += len(piece)
        if written > MAX_OUTPUT:
            message = _("an output of more than {max} characters, more than a template may write")
            output.throw(TooLarge(message.format(max=number(MAX_OUTPUT))))
        pieces.append(piece)
    return "".join(pieces)


def _loaded(env: jinja2.Environment) -> set[str]:
    loader = env.loader
    if isinstance(loader, jinja2.ChoiceLoader):
        return {name for each in loader.loaders if isinstance(each, FolderLoader) for name in each.files}
    return set()


def _template_error(exc: Exception, files: Mapping[str, str], shown: str) -> CpneError:
    """The message for a failed user template, at the file and line of the user's template where it failed."""
    if isinstance(exc, CpneError):
        return exc
    where, line = _where(exc, files, shown)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        place = files.get(exc.filename or "", exc.filename or shown)
        message = _("template syntax error: {message}").format(message=exc.message)
        return TemplateError(message, path=place, line=exc.lineno)
    if isinstance(exc, TooLarge):
        return TemplateError(
            _("the template was stopped: {reason}").format(reason=exc),
            path=where,
            line=line,
            hint=_("the limits of a template are in docs/templates.md"),
        )
    if isinstance(exc, TemplateRefused):
        return TemplateError(
            _("the template may not include {path}: {reason}").format(path=exc.path, reason=exc.reason),
            path=where,
            line=line,
            hint=_("a template includes only the regular files of its own folder (and cpne's own templates)"),
        )
    if isinstance(exc, jinja2.exceptions.SecurityError):
        message = _("the template was refused by the sandbox: {reason}").format(reason=_sandbox_words(str(exc)))
        return TemplateError(message, path=where, line=line)
    if isinstance(exc, jinja2.UndefinedError):
        return TemplateError(_undefined_words(exc.message or ""), path=where, line=line, hint=_(TEMPLATES_HINT))
    if isinstance(exc, jinja2.TemplateNotFound):
        message = _(
            "template '{name}' not found (a template can include cpne's own templates and the files of its own folder)"
        )
        return TemplateError(message.format(name=exc.name), path=where, line=line)
    if isinstance(exc, MemoryError):
        return TemplateError(_("the template ran out of memory"), path=where, line=line)
    message = _("the template failed: {error}: {message}").format(error=type(exc).__name__, message=exc)
    return TemplateError(message, path=where, line=line)


# Jinja2's own words for the usual failures (its other messages are shown as it writes them)
_QUOTED = r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
_UNDEFINED = re.compile(rf"^{_QUOTED} is undefined$")
_NO_ATTRIBUTE = re.compile(rf"^{_QUOTED} has no attribute {_QUOTED}$")
_NO_ELEMENT = re.compile(r"^(.+) has no element (.+)$")
_UNSAFE_ATTRIBUTE = re.compile(rf"^access to attribute {_QUOTED} of {_QUOTED} object is unsafe\.?$")
_NOT_CALLABLE = re.compile(r"^(.+) is not safely callable$")


def _undefined_words(message: str) -> str:
    """Jinja2's message for an undefined name, attribute or element, in the language."""
    found = _UNDEFINED.match(message)
    if found:
        return _("undefined variable in the template: {name} is undefined").format(name=found.group(1))
    found = _NO_ATTRIBUTE.match(message)
    if found:
        text = _("undefined variable in the template: {object} has no attribute {name}")
        return text.format(object=found.group(1), name=found.group(2))
    found = _NO_ELEMENT.match(message)
    if found:
        text = _("undefined variable in the template: {object} has no element {key}")
        return text.format(object=found.group(1), key=found.group(2))
    return _("undefined variable in the template: {message}").format(message=message)


def _sandbox_words(message: str) -> str:
    """Jinja2's sandbox refusals, in the language."""
    found = _UNSAFE_ATTRIBUTE.match(message)
    if found:
        text = _("access to attribute {name} of {type} object is unsafe.")
        return text.format(name=found.group(1), type=found.group(2))
    found = _NOT_CALLABLE.match(message)
    if found:
        return _("{object} is not safely callable").format(object=found.group(1))
    return message


def _where(exc: BaseException, files: Mapping[str, str], shown: str) -> tuple[str, int | None]:
    """The user's template file and line where ``exc`` was raised (Jinja2 rewrites tracebacks to show them)."""
    where, line = shown, None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename in files:
            where, line = files[frame.filename], frame.lineno
    return where, line
