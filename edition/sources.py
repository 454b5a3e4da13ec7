"""Finding and reading the raw texts: folders, volumes, encodings.

Everything here treats the sources as untrusted: a file that cannot be read as text is
refused with a message naming it; text in an old encoding is decoded with a warning;
characters XML cannot hold are dropped with a warning, so that no input breaks the TEI.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from .config import VolumeConfig, load_volume_config, safe_id
from .model import Message

RAW_SUFFIXES = {".txt"}
MAX_BYTES = 64 * 1024 * 1024
# characters that XML 1.0 cannot hold (all C0 controls but tab and newline, and U+FFFE/F)
VOLUME_IN_NAME_RE = re.compile(r"^(?P<volume>[A-Za-z][A-Za-z0-9.\-]*)_(?P<doc>d\d+[a-z]?(?:-\d+)?)$")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _cp1252_fallback(exc: UnicodeDecodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 refused as Windows-1252 (Latin-1 for its five holes)."""
    bad = exc.object[exc.start: exc.end]
    return bad.decode("cp1252", errors="replace").replace("\ufffd", "") or bad.decode(
        "latin-1"), exc.end


_CP1252_FALLBACK = "frus-cp1252-fallback"
codecs.register_error(_CP1252_FALLBACK, _cp1252_fallback)


@dataclass
class RawSource:
    """One raw text file and the volume it belongs to."""

    path: Path
    rel: str  # path relative to the sources folder, for messages
    volume: VolumeConfig


@dataclass
class DecodedText:
    text: str
    messages: list[Message]


def discover(sources: Path, skip: Path | None = None
             ) -> tuple[list[VolumeConfig], list[RawSource], list[Message]]:
    """Every raw text under `sources`, grouped by volume folder, in a stable order.

    A folder holding raw texts is a volume; `volume.yaml` names it, else the folder's
    name does. Files directly in `sources` form a volume named after that folder.
    Links are not followed, so no source can reach outside the folder. `skip` (the
    output folder, when it lies inside the sources) is not searched.
    """
    messages: list[Message] = []
    volumes: dict[str, VolumeConfig] = {}
    found: list[RawSource] = []
    folders: dict[Path, list[Path]] = {}
    skipped = _parts_inside(skip, sources) if skip is not None else None
    for path in sorted(sources.rglob("*")):
        if skipped and path.relative_to(sources).parts[:len(skipped)] == skipped:
            continue
        if path.is_symlink():
            messages.append(Message("warning", _rel(path, sources), None,
                                    "symbolic link skipped; copy the file into the sources"))
            continue
        if path.is_file() and path.suffix.lower() in RAW_SUFFIXES:
            if any(part.startswith(".") for part in path.relative_to(sources).parts):
                continue
            folders.setdefault(path.parent, []).append(path)
    seen_ids: dict[str, Path] = {}
    for folder in sorted(folders):
        fallback = safe_id(folder.name if folder != sources else sources.resolve().name)
        volume, more = load_volume_config(folder, fallback)
        messages += [_relmsg(m, sources) for m in more]
        if volume.id in seen_ids and seen_ids[volume.id] != folder:
            messages.append(Message(
                "warning", _rel(folder / "volume.yaml", sources), None,
                f"volume id `{volume.id}` is also used by {_rel(seen_ids[volume.id], sources)}; "
                "their documents are merged into one volume"))
            volume = volumes[volume.id]
        seen_ids.setdefault(volume.id, folder)
        has_settings = (folder / "volume.yaml").is_file()
        for path in folders[folder]:
            named = None if has_settings else VOLUME_IN_NAME_RE.match(path.stem)
            if named:
                # `frus1943China_d142.txt` in a folder without settings: volume from the name
                vid = named.group("volume")
                file_volume = volumes.setdefault(vid, VolumeConfig(id=vid, title=vid))
                found.append(RawSource(path, _rel(path, sources), file_volume))
            else:
                volumes.setdefault(volume.id, volume)
                found.append(RawSource(path, _rel(path, sources), volume))
    return list(volumes.values()), found, messages


def _parts_inside(path: Path, root: Path) -> tuple[str, ...] | None:
    """`path`'s parts below `root` when it lies inside it, else None."""
    try:
        return path.resolve().relative_to(root.resolve()).parts or None
    except ValueError:
        return None


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def _relmsg(message: Message, root: Path) -> Message:
    return Message(message.level, _rel(Path(message.file), root), message.line, message.text)


def _utf16_without_bom(data: bytes) -> str | None:
    """Text saved as UTF-16 without a byte-order mark: mostly Latin letters, so every
    other byte is NUL (the odd ones in little-endian, the even ones in big-endian)."""
    sample = data[:8192]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros >= 0.8 * half and other <= 0.05 * half:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def decode(data: bytes, name: str) -> DecodedText | Message:
    """Raw bytes → text with `\\n` line ends, or an error message saying why not."""
    if len(data) > MAX_BYTES:
        return Message("error", name, None,
                       f"file is {len(data) // 2**20} MiB; raw texts over "
                       f"{MAX_BYTES // 2**20} MiB are refused — split it into documents")
    messages: list[Message] = []
    text: str | None = None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            text = None
    if text is None:
        text = _utf16_without_bom(data)
        if text is not None:
            messages.append(Message("warning", name, None,
                                    "read as UTF-16 (no byte-order mark); save the file as "
                                    "UTF-8 to be sure of its characters"))
    if text is None:
        sample = data[:8192]
        if sample and sample.count(b"\x00") > len(sample) // 10:
            return Message("error", name, None,
                           "looks like a binary file, not text; remove it from the sources")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            # keep what is good UTF-8 and read only the bytes that are not as Windows-1252
            # (the usual culprit: a file saved by an old editor, or one pasted line)
            line = data[: exc.start].count(b"\n") + 1
            text = data.decode("utf-8-sig", errors=_CP1252_FALLBACK)
            messages.append(Message("warning", name, line,
                                    "not valid UTF-8; the odd bytes were read as Windows-1252 "
                                    "— save the file as UTF-8 to be sure of its characters"))
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    bad = _XML_ILLEGAL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        count = len(_XML_ILLEGAL.findall(text))
        messages.append(Message("warning", name, line,
                                f"{count} control character(s) (such as NUL) dropped; "
                                "they cannot stand in TEI"))
        text = _XML_ILLEGAL.sub("", text)
    if not text.strip():
        return Message("error", name, None, "file is empty; nothing to publish")
    return DecodedText(text, messages)
