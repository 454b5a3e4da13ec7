"""The one exception the site lets out: a problem that must stop the build unpublished.

Bad data yields Messages and the site goes on; a broken template cannot yield a sound
site, so it raises `SiteError` and the pipeline publishes nothing.
"""

from __future__ import annotations

import functools
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

from jinja2 import TemplateError

from ..model import Message

P = ParamSpec("P")
R = TypeVar("R")


class SiteError(Exception):
    """A problem that stops the site; `message` names the file and line."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message

    def __reduce__(self):  # crosses from a worker process whole, Message and all
        return (SiteError, (self.message,))


def guard_templates(function: Callable[P, R]) -> Callable[P, R]:
    """Turn any Jinja error raised inside `function` into a SiteError naming the template."""
    @functools.wraps(function)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        except TemplateError as exc:
            raise template_error(exc, "a template") from None
    return guarded


def template_error(exc: TemplateError, template: str) -> SiteError:
    """A Jinja error as a SiteError naming the template file and line (no traceback)."""
    filename = getattr(exc, "filename", None)
    line = getattr(exc, "lineno", None)
    if line is None:  # a render-time error: the template's frame is in the traceback
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.endswith((".html", ".xml", ".txt")):
                filename, line = frame.filename, frame.lineno
                break
    where = _shown(filename) if filename else getattr(exc, "name", None) or template
    text = f"template error ({type(exc).__name__}: {exc.message or exc}); fix the template"
    return SiteError(Message("error", where, line, text))


def _shown(filename: str) -> str:
    """The template's path as the editor knows it: `templates/…` inside their folder."""
    path = Path(filename)
    parts = path.parts
    if "templates" in parts:
        return Path(*parts[len(parts) - parts[::-1].index("templates") - 1:]).as_posix()
    return path.name
