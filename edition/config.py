"""Settings: `edition.yaml` for the edition, `volume.yaml` for each volume folder.

Every key has a type, a default and a line of documentation; a bad file yields messages
that name the file and the key, never a traceback (MkDocs' config options are the model).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import volumes
from .model import Message

VOLUME_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_.\-]*$")


@dataclass
class EditionConfig:
    """The edition's own settings (`edition.yaml` at the top of the sources folder)."""

    title: str = "Foreign Relations of the United States: A Reading Edition"
    subtitle: str = ""
    publisher: str = "Unpublished edition"
    editors: list[str] = field(default_factory=list)
    # The public address (https://…/my-edition/): sitemap and citations carry full URLs.
    # "" says the edition has none (relative links only); left out, the build reminds you.
    base_url: str | None = None
    license: str = "Public domain (U.S. Government work); edition material CC BY 4.0"
    language: str = "en"
    footer: str = ""
    intro: str = "index.md"  # Markdown introduction, relative to the sources folder
    pages_dir: str = "pages"  # editorial Markdown pages (about, method …)
    templates_dir: str = "templates"  # an edition's template overrides


@dataclass
class VolumeConfig:
    """One volume (`volume.yaml` in its folder); a folder without one is named after itself."""

    id: str
    title: str = ""
    editors: list[str] = field(default_factory=list)
    publisher: str = "United States Government Printing Office"
    place: str = "Washington"
    year: str = ""
    series: str = "Foreign Relations of the United States"
    url: str = ""


_FIELD_TYPES: dict[type, dict[str, type]] = {
    EditionConfig: {
        "title": str, "subtitle": str, "publisher": str, "editors": list, "base_url": str,
        "license": str, "language": str, "footer": str, "intro": str, "pages_dir": str,
        "templates_dir": str,
    },
    VolumeConfig: {
        "id": str, "title": str, "editors": list, "publisher": str, "place": str,
        "year": str, "series": str, "url": str,
    },
}


def _read_yaml(path: Path) -> tuple[dict[str, Any] | None, list[Message]]:
    """Read a settings file as a mapping; safe_load never builds Python objects."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Message("error", str(path), None, f"cannot read settings: {exc}")]
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        line = None
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            line = mark.line + 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [Message("error", str(path), line,
                              f"not valid YAML ({problem}); fix the syntax and build again")]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return None, [Message("error", str(path), 1,
                              "settings must be a mapping of `key: value` lines")]
    return data, []


def _coerce(cls: type, data: dict[str, Any], path: Path, defaults: dict[str, Any]):
    messages: list[Message] = []
    types = _FIELD_TYPES[cls]
    values = dict(defaults)
    for key, value in data.items():
        if key not in types:
            known = ", ".join(sorted(types))
            messages.append(Message("warning", str(path), None,
                                    f"unknown key `{key}` ignored (known keys: {known})"))
            continue
        want = types[key]
        if want is str and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if want is list and isinstance(value, str):
            value = [value]
        if want is list and isinstance(value, list) and all(isinstance(v, str) for v in value) or want is str and isinstance(value, str):
            values[key] = value
        else:
            messages.append(Message("error", str(path), None,
                                    f"key `{key}` must be {'a list of texts' if want is list else 'a text'}"
                                    f", not {type(value).__name__}; the default is used"))
    return cls(**values), messages


def load_edition_config(sources: Path) -> tuple[EditionConfig, list[Message]]:
    """Read `edition.yaml` from the sources folder (defaults when it is absent)."""
    path = sources / "edition.yaml"
    if not path.is_file():
        return EditionConfig(), []
    data, messages = _read_yaml(path)
    if data is None:
        return EditionConfig(), messages
    config, more = _coerce(EditionConfig, data, path, {})
    return config, messages + more + _check_locations(config, path)


_PATH_KEYS = ("intro", "pages_dir", "templates_dir")


def _check_locations(config: EditionConfig, path: Path) -> list[Message]:
    """Paths must stay inside the sources folder; the base URL must be a web address."""
    messages = []
    defaults = EditionConfig()
    for key in _PATH_KEYS:
        value = getattr(config, key)
        if Path(value).is_absolute() or ".." in Path(value).parts or "\\" in value:
            messages.append(Message("error", str(path), None,
                                    f"key `{key}` must be a path inside the sources folder, "
                                    f"not `{value}`; the default is used"))
            setattr(config, key, getattr(defaults, key))
    if config.base_url and not re.match(r"^https?://[^\s\"'<>]+$", config.base_url):
        messages.append(Message("error", str(path), None,
                                f"key `base_url` must be an http(s) address, not "
                                f"`{config.base_url}`; it is left unset"))
        config.base_url = ""
    return messages


def load_volume_config(folder: Path, fallback_id: str) -> tuple[VolumeConfig, list[Message]]:
    """Read `volume.yaml` in a volume folder; without one the volume is `fallback_id`, titled
    as the FRUS catalogue names it."""
    path = folder / "volume.yaml"
    if not path.is_file():
        return VolumeConfig(id=fallback_id, title=volumes.name(fallback_id)), []
    data, messages = _read_yaml(path)
    if data is None:
        return VolumeConfig(id=fallback_id, title=volumes.name(fallback_id)), messages
    config, more = _coerce(VolumeConfig, data, path, {"id": fallback_id})
    messages += more
    if not VOLUME_ID_RE.match(config.id):
        messages.append(Message("error", str(path), None,
                                f"volume id `{config.id}` must start with a letter and hold only "
                                f"letters, digits, `.`, `_` or `-`; using `{fallback_id}`"))
        config.id = fallback_id
    if not config.title:
        config.title = volumes.name(config.id)
    return config, messages


def safe_id(name: str) -> str:
    """A volume or document id made from a file or folder name: an XML NCName, URL-safe."""
    cleaned = re.sub(r"[^A-Za-z0-9_.\-]+", "-", name).strip("-.") or "x"
    if not cleaned[0].isalpha():
        cleaned = "v" + cleaned
    return cleaned
