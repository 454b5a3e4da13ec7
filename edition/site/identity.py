"""What the reader sees of a document's and a volume's identity: its heading and title.

The TEI keeps a heading as printed (`112. Memorandum From …`) and names a volume without
`volume.yaml` by its id; the site shows the number once (as `No. 112` above the heading)
and the volume by its real title, taken from the FRUS catalogue when nothing else gives it.
"""

from __future__ import annotations

import re

from .. import volumes


def heading_without_number(heading: str, number: str | None) -> str:
    """`heading` without a leading `112. ` that repeats the document's own `number`.

    Only the document's own number goes, and only when words follow it: `1450. Re my
    telegram` under document 1234 is a telegram's number and stays.
    """
    if not number:
        return heading
    m = re.match(rf"\s*{re.escape(number.strip())}\.\s+(?=\S)", heading)
    return heading[m.end():] if m else heading


def volume_title(volume_id: str, *titles: str | None) -> str:
    """A volume's title: the first of `titles` that is more than its bare id, else the
    FRUS catalogue's title or one made from the id, else the id itself."""
    for title in titles:
        if title and title.strip() and title.strip() != volume_id:
            return title.strip()
    return volumes.name(volume_id)
