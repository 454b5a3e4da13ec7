"""The Content-Security-Policy every page sends: only the site's own scripts may run.

Pages carry it in a `<meta http-equiv>` (templates/base.html); hosts that read a
`_headers` file (Netlify, Cloudflare Pages) send it as a real header too. Pagefind
compiles WebAssembly, hence `'wasm-unsafe-eval'`; no inline script or handler is allowed.
"""

from __future__ import annotations

from pathlib import Path

from . import urls

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'"
)


def headers_file() -> str:
    """`_headers` (Netlify/Cloudflare format): the CSP and friends for every path."""
    return (
        "/*\n"
        f"  Content-Security-Policy: {CONTENT_SECURITY_POLICY}\n"
        "  X-Content-Type-Options: nosniff\n"
        "  Referrer-Policy: strict-origin-when-cross-origin\n"
    )


def write_headers(out: Path) -> Path:
    """Write `_headers` at the site's root."""
    path = urls.output_file(out, "_headers")
    path.write_text(headers_file(), encoding="utf-8")
    return path
