"""caorder: the analysis package behind the book *Central Asian Order*.

Modules by layer, from the bottom (a module imports only from its own layer or below; see
CONTRIBUTING.md for the diagram):

Data access
    :mod:`caorder.paths`        where the project, its curated data and its cache live;
    :mod:`caorder.edition`      the book's version (pyproject.toml) and date (the commit's);
    :mod:`caorder.errors`       the one error type for expected faults, and the CLI wrapper;
    :mod:`caorder.fetch`        pinned third-party files, downloaded and checksum-verified;
    :mod:`caorder.fingerprint`  one hash of code, data, locks and settings, for every cache;
    :mod:`caorder.yamlio`       a strict YAML loader (duplicate keys are errors);
    :mod:`caorder.ordering`     sorts, ranks and "best" picks of floats that no noise can flip.

Tables and curated data
    :mod:`caorder.schemas`      pandera schemas of every table;
    :mod:`caorder.tables`       the canonical ``rollcalls``, ``votes`` and ``ideal_points``;
    :mod:`caorder.extension`    the votes after 2019, with provenance per roll call;
    :mod:`caorder.countries`    UN membership spells, country groups and the book's constants;
    :mod:`caorder.summits`      summits, memberships and organisations of the five;
    :mod:`caorder.coverage`     what the vote data cover, by year, session and vote type;
    :mod:`caorder.classify`     rule-based labels of roll calls (human rights, territory, ...).

Measures and windows
    :mod:`caorder.agreement`    pairwise measures (identical votes, kappa, AC1, PABAK, Lijphart);
    :mod:`caorder.windows`      vote windows, roll-call sets, pools and the one random baseline;
    :mod:`caorder.timeseries`   interrupted time series with placebo breaks.

Chapter analyses (analysis and figures only; no verdicts)
    :mod:`caorder.cohesion`     chapter 1: cohesion, clustering, great-power pull, new wind;
    :mod:`caorder.framework`    chapter 2: the measurement map of the register;
    :mod:`caorder.order_votes`  chapter 3: rules and institutions in the votes;
    :mod:`caorder.periods`      chapter 4: break tests for the periodisation;
    :mod:`caorder.after_paper`  chapter 4: the years after the paper (2020-2025);
    :mod:`caorder.region_report` the cohesion analysis rerun for any region.

Claims and verdicts
    :mod:`caorder.claims`       the claims register and the inventory of the paper's claims;
    :mod:`caorder.quotes`       the paper's text, for checking every quotation verbatim;
    :mod:`caorder.verdicts`     evidence, rules, specifications and headline verdicts;
    :mod:`caorder.ledger`       the claims ledger and ``claims.json``.

Presentation and the book
    :mod:`caorder.plots`        the figure style (colour-blind-safe palettes, sizes);
    :mod:`caorder.present`      HTML tables, interactive tables, verdict badges;
    :mod:`caorder.notebooks`    deterministic re-execution, layout tags, the execution cache;
    :mod:`caorder.book_ext`     Sphinx extension: numbering, bibliography labels, page scripts;
    :mod:`caorder.site`         the source archive published with the site;
    :mod:`caorder.pdf`          the PDF edition.
"""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("caorder")
except _metadata.PackageNotFoundError:  # run from a source tree without installing
    from caorder.edition import project_version as _project_version
    from caorder.paths import repo_root as _repo_root

    __version__ = _project_version(_repo_root())
