#!/usr/bin/env python3
"""Build the edition: `python build.py` (bundled sources → site/), or
`python build.py --sources DIR --out DIR`. See README.md."""

import sys

from edition.cli import main

if __name__ == "__main__":
    sys.exit(main())
