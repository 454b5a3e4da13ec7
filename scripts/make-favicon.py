"""Write templates/static/favicon.ico: the site's icon, a white `F` on the site's accent
blue (templates/static/site.css `--accent`), at 16 and 32 pixels, PNG inside ICO.

    python scripts/make-favicon.py

An edition replaces it with its own `templates/static/favicon.ico` in its sources.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

ACCENT = (0x0B, 0x4F, 0x8A, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)
GLYPH = [  # the letter on an 8 × 8 grid, drawn inside a rounded square
    "........",
    ".######.",
    ".##.....",
    ".#####..",
    ".##.....",
    ".##.....",
    ".##.....",
    "........",
]
TARGET = Path(__file__).resolve().parent.parent / "templates" / "static" / "favicon.ico"


def pixels(size: int) -> list[list[tuple[int, int, int, int]]]:
    """The icon at `size` × `size`: the glyph scaled, on a square with cut corners."""
    cell = size // 8
    rows = []
    for y in range(size):
        row = []
        for x in range(size):
            corner = min(x, size - 1 - x) + min(y, size - 1 - y) < size // 8
            if corner:
                row.append(CLEAR)
            else:
                row.append(WHITE if GLYPH[y // cell][x // cell] == "#" else ACCENT)
        rows.append(row)
    return rows


def png(size: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    raw = b"".join(b"\0" + bytes(v for px in row for v in px) for row in pixels(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def ico(sizes: tuple[int, ...] = (16, 32)) -> bytes:
    images = [png(size) for size in sizes]
    offset = 6 + 16 * len(images)
    entries = b""
    for size, image in zip(sizes, images, strict=True):
        entries += struct.pack("<BBBBHHII", size, size, 0, 0, 1, 32, len(image), offset)
        offset += len(image)
    return struct.pack("<HHH", 0, 1, len(images)) + entries + b"".join(images)


if __name__ == "__main__":
    TARGET.write_bytes(ico())
    print(f"wrote {TARGET} ({TARGET.stat().st_size} bytes)")
