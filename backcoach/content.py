"""The one way the app loads its catalogue: shipped assets plus the runner's own files."""

from __future__ import annotations

import logging

from backcoach import paths
from backcoach.core.catalog import Catalog, load_catalog

log = logging.getLogger(__name__)


def load() -> Catalog:
    """Shipped exercises and routines, then ``<data dir>/exercises`` and ``/routines``."""
    catalog = load_catalog(paths.asset_root(), paths.data_dir())
    for error in catalog.errors:
        log.warning("catalogue: %s", error)
    return catalog
