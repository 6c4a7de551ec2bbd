"""Is this build for publication, and does it know the address it is published at?

Every citation, canonical link, sitemap entry and data file carries the site's address. Without
`SITE_URL` mkdocs.yml falls back to the local address, which must never be published. A build for
publication is one run with `EDITION_PUBLISH=1` in its environment (the Pages workflow in
.github/workflows/pages.yml sets it, beside SITE_URL); such a build refuses to run without a real
address. Any other build is local and says so.
"""
from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

PUBLISH_VAR = "EDITION_PUBLISH"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "0.0.0.0", "::1", ""}


class PublicationError(Exception):
    """A publication build without a published address (the message says how to fix it)."""


def is_publication(env: Mapping[str, str]) -> bool:
    """True when the environment marks a build for publication (EDITION_PUBLISH=1/true/yes)."""
    return env.get(PUBLISH_VAR, "").strip().lower() in ("1", "true", "yes")


def check(env: Mapping[str, str], site_url: str | None) -> str | None:
    """Check the site address for this build.

    env: the process environment; site_url: mkdocs.yml's resolved `site_url`.
    Returns None for a publication build with a real address, or a one-line notice for a local
    build (its links point to the local address). Raises PublicationError for a publication build
    whose SITE_URL is unset or local.
    """
    host = urlsplit(site_url or "").hostname or ""
    local = host in LOCAL_HOSTS or not env.get("SITE_URL")
    if is_publication(env):
        if local:
            raise PublicationError(
                f"{PUBLISH_VAR} is set (a build for publication) but SITE_URL is "
                f"{'unset' if not env.get('SITE_URL') else repr(env['SITE_URL'])}: every citation, canonical "
                f"link, sitemap entry and data file would point to {site_url!r}. Set SITE_URL to the "
                "published address (the Pages workflow takes it from actions/configure-pages)")
        return None
    if local:
        return (f"local build: citations, canonical links, the sitemap and the data files point to {site_url}; "
                f"a build for publication sets SITE_URL and {PUBLISH_VAR}=1 (see .github/workflows/pages.yml)")
    return f"build for {site_url} (not marked for publication: {PUBLISH_VAR} is not set)"
