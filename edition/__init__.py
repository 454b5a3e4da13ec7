"""FRUS edition: raw texts → TEI P5 → a static reading site."""

__version__ = "0.1.0"
