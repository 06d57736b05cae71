"""The one way the app loads its catalogue: shipped assets plus the runner's own files."""

from __future__ import annotations

import logging

from backcoach import paths
from backcoach.core.catalog import Catalog, load_catalog

log = logging.getLogger(__name__)


CACHE_NAME = "catalogue.json"


def load(keep_parsed: bool = False) -> Catalog:
    """Shipped exercises and routines, then ``<data dir>/exercises`` and ``/routines``.

    Files unchanged since their last parse come from the cache in the platform's cache
    folder (``core.catalog_cache``); ``keep_parsed`` (the window) also writes it back."""
    from backcoach.core.catalog_cache import ParsedCache

    cache = ParsedCache(paths.cache_dir() / CACHE_NAME, write=keep_parsed)
    catalog = load_catalog(paths.asset_root(), paths.data_dir(), cache)
    for error in catalog.errors:
        log.warning("catalogue: %s", error)
    return catalog
