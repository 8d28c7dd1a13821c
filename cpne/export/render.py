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
  and templates of its own folder.

Template failures become :class:`TemplateError` (exit 1) naming the template file
and line. Jinja2 is imported only here, and this module only by the exports.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment
from markupsafe import Markup

from cpne.errors import CpneError
from cpne.export import markdown
from cpne.export.figures import Count
from cpne.export.labels import format_date

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATES_HINT = "the variables a template receives are listed in docs/templates.md"


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


def sandboxed_environment(lang: str, folder: Path) -> SandboxedEnvironment:
    """The sandbox for a user template: it can include cpne's templates, and templates of ``folder``."""
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(TEMPLATES), jinja2.FileSystemLoader(folder)])
    env = ImmutableSandboxedEnvironment(loader=loader, **_OPTIONS)
    _configure(env, lang)
    return env


def render_shipped(name: str, context: Mapping[str, Any], lang: str) -> str:
    """Render one of cpne's templates; the result is tidied (blank lines, final newline)."""
    template = shipped_environment(lang).get_template(name)
    return markdown.tidy(template.render(context))


def render_user(path: Path, context: Mapping[str, Any], lang: str) -> str:
    """Render a user's template in the sandbox; any failure is a TemplateError naming file and line."""
    shown = str(path)
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TemplateError("template not found", path=shown) from None
    except IsADirectoryError:
        raise TemplateError("template is a folder, not a file", path=shown) from None
    except UnicodeDecodeError:
        raise TemplateError("template is not UTF-8 text", path=shown) from None
    except OSError as exc:
        raise TemplateError(f"cannot read the template: {exc.strerror}", path=shown) from None
    env = sandboxed_environment(lang, path.resolve().parent)
    filename = str(path.resolve())
    try:
        code = env.compile(source, name=path.name, filename=filename)
        template = env.template_class.from_code(env, code, env.make_globals(None))
        return template.render(context)
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename if exc.filename and exc.filename != filename else shown
        raise TemplateError(f"template syntax error: {exc.message}", path=where, line=exc.lineno) from None
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError(
            f"the template was refused by the sandbox: {exc}", path=shown, line=_line(exc, filename)
        ) from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(
            f"undefined variable in the template: {exc.message}",
            path=shown,
            line=_line(exc, filename),
            hint=TEMPLATES_HINT,
        ) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(
            f"template '{exc.name}' not found"
            " (a template can include cpne's own templates and the files of its own folder)",
            path=shown,
            line=_line(exc, filename),
        ) from None
    except CpneError:
        raise
    except Exception as exc:  # a user template may fail in any way: report it as the template's fault
        raise TemplateError(
            f"the template failed: {type(exc).__name__}: {exc}", path=shown, line=_line(exc, filename)
        ) from None


def _line(exc: BaseException, filename: str) -> int | None:
    """The line of the user's template where ``exc`` was raised (Jinja2 rewrites tracebacks to show it)."""
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == filename:
            line = frame.lineno
    return line
