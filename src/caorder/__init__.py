"""caorder: the analysis package behind the book *Central Asian Order*.

Modules, in the order a reader meets them:

- :mod:`caorder.paths`     where the project, its curated data and its cache live;
- :mod:`caorder.fetch`     pinned third-party files, downloaded and checksum-verified (pooch);
- :mod:`caorder.schemas`   pandera schemas that every table is validated against;
- :mod:`caorder.countries` UN membership spells and country groups from ``data/``;
- :mod:`caorder.tables`    the canonical tables: ``rollcalls``, ``votes``, ``ideal_points``;
- :mod:`caorder.agreement` voting measures (agreement, Cohen's kappa, cohesion, baselines);
- :mod:`caorder.plots`     the book's figure style (colour-blind-safe palette, labels).
"""

__version__ = "0.2.0"
