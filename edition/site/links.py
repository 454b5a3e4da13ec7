"""Where a cross-reference leads: this edition, history.state.gov, or nowhere.

A TEI `ref/@target` names a volume and a place in it (`frus1939v02#pg_88`, `#d45`,
`#d18fn3`; no volume means the document's own). An edition holds a part of the series,
so most targets lie outside it; the FRUS volumes all stand on history.state.gov at
stable addresses, so a target the edition does not hold leads there. Only a target in
a volume that the FRUS catalogue does not know (or no target at all) cannot be followed:
the reference stays text and the build report lists it.

The decision is one pure function, `decide`, shared by the site and `build.py check`;
each passes its own way of finding a target inside the edition.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from .. import volumes
from . import urls

EDITION = "edition"
HISTORY_STATE_GOV = "history.state.gov"
UNRESOLVED = "unresolved"

_TARGET_RE = re.compile(r"^(?P<volume>[A-Za-z][A-Za-z0-9_.\-]*)?#(?P<frag>[A-Za-z][\w.\-]*)$")

# (volume, fragment) → the site path of that place in the edition, or None.
Finder = Callable[[str, str], "str | None"]


@dataclass(frozen=True)
class Link:
    """What a cross-reference becomes on the page."""

    where: Literal["edition", "history.state.gov", "unresolved"]
    href: str = ""  # a site path (edition) or an absolute address (history.state.gov)
    problem: str = ""  # why it cannot be followed (unresolved)

    @property
    def leaves_edition(self) -> bool:
        return self.where == HISTORY_STATE_GOV


def split_target(target: str) -> tuple[str | None, str] | None:
    """(volume or None, fragment) of a `ref/@target`, or None when it is not `vol#id`."""
    m = _TARGET_RE.match(target.strip())
    return (m.group("volume"), m.group("frag")) if m else None


def decide(target: str, volume_id: str, find: Finder) -> Link:
    """Where `target`, written in a document of volume `volume_id`, leads."""
    parts = split_target(target)
    if parts is None:
        return Link(UNRESOLVED, problem="it is not a target of the form `volume#id`")
    named, fragment = parts
    volume = named or volume_id
    path = find(volume, fragment)
    if path is not None:
        return Link(EDITION, path)
    if not volumes.is_known(volume):
        if named:
            why = f"volume `{volume}` is not in the FRUS catalogue"
        else:
            why = (f"the edition does not hold `{fragment}`, and this volume (`{volume}`) is "
                   "not in the FRUS catalogue, so history.state.gov has no page for it")
        return Link(UNRESOLVED, problem=why)
    try:
        return Link(HISTORY_STATE_GOV, urls.history_state_gov(volume, fragment))
    except urls.UnsafeId:
        return Link(UNRESOLVED, problem=f"`{fragment}` cannot be part of an address")
