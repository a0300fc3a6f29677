"""caorder: the analysis package behind the book *Central Asian Order*.

Modules by layer, from the bottom (a module imports only from its own layer or below; see
CONTRIBUTING.md for the diagram):

Data access
    :mod:`caorder.paths`        where the curated data and the cache live (checkout or install);
    :mod:`caorder.edition`      the book's version (pyproject.toml) and date (the commit's);
    :mod:`caorder.errors`       the one error type for expected faults, and the CLI wrapper;
    :mod:`caorder.fetch`        pinned third-party files, downloaded and checksum-verified;
    :mod:`caorder.yamlio`       a strict YAML loader (duplicate keys are errors);
    :mod:`caorder.ordering`     sorts, ranks and "best" picks of floats that no noise can flip.

Tables, curated data and the figure style
    :mod:`caorder.schemas`      pandera schemas of every table;
    :mod:`caorder.tables`       the canonical ``rollcalls``, ``votes`` and ``ideal_points``;
    :mod:`caorder.extension`    the votes after 2019, with provenance per roll call;
    :mod:`caorder.countries`    UN membership spells, country groups and the book's constants;
    :mod:`caorder.statecodes`   COW and Gleditsch-Ward state numbers mapped to ISO3 codes;
    :mod:`caorder.classify`     rule-based labels of roll calls (human rights, territory, ...);
    :mod:`caorder.quotes`       the paper's text, for checking every quotation verbatim;
    :mod:`caorder.claims`       the claims register and the inventory of the paper's claims;
    :mod:`caorder.fingerprint`  one hash of code, data, locks and settings, for every cache;
    :mod:`caorder.plots`        the figure style (colour-blind-safe palettes, sizes).

Measures and windows
    :mod:`caorder.agreement`    pairwise measures (identical votes, kappa, AC1, PABAK, Lijphart);
    :mod:`caorder.windows`      vote windows, roll-call sets, pools and the one random baseline;
    :mod:`caorder.timeseries`   interrupted time series with placebo breaks.

Chapter analyses (analysis and figures only; no verdicts)
    :mod:`caorder.coverage`     the data chapter: what the votes cover, by year, session, type;
    :mod:`caorder.summits`      summits, memberships and organisations of the five (chapters 1, 3);
    :mod:`caorder.cohesion`     chapter 1: cohesion, clustering, great-power pull, new wind;
    :mod:`caorder.framework`    chapter 2: the measurement map of the register;
    :mod:`caorder.order_votes`  chapter 3: rules and institutions in the votes;
    :mod:`caorder.periods`      chapter 4: break tests for the periodisation;
    :mod:`caorder.peace`        chapters 2-3: disputes, conflicts, alliances, IGOs, leaders;
    :mod:`caorder.economies`    chapter 1: GDP per capita dispersion (World Bank, Fariss et al.);
    :mod:`caorder.regimes`      chapter 1: V-Dem neopatrimonialism and integration across groups;
    :mod:`caorder.pandemic`     chapter 3: timing and synchrony of COVID-19 measures (OxCGRT);
    :mod:`caorder.after_paper`  chapter 4: the years after the paper (2020-2025);
    :mod:`caorder.region_report` the cohesion analysis rerun for any region.

Verdicts and their tables
    :mod:`caorder.verdicts`     evidence, rules, specifications and headline verdicts;
    :mod:`caorder.present`      HTML tables, interactive tables, verdict badges;
    :mod:`caorder.ledger`       the claims ledger and ``claims.json``;
    :mod:`caorder.ledger_diff`  what a change moved: two ``claims.json`` compared claim by claim;
    :mod:`caorder.inputs`       every curated file and data setting checked up front.

The book
    :mod:`caorder.notebooks`    deterministic re-execution, layout tags, the execution cache;
    :mod:`caorder.pairing`      the reviewable text form of every notebook (jupytext);
    :mod:`caorder.claim_cells`  the cells that show a new claim, in the house's conventions;
    :mod:`caorder.book_ext`     Sphinx extension: numbering, bibliography labels, page scripts;
    :mod:`caorder.site`         the source archive of the tree built, published with the site;
    :mod:`caorder.pdf`          the PDF edition.

``tests/test_layers.py`` enforces the rule: it reads this map and every ``import`` of the
package (with :mod:`ast`) and fails on an import from a higher layer.
"""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("caorder")
except _metadata.PackageNotFoundError:  # run from a source tree without installing
    from caorder.edition import project_version as _project_version
    from caorder.paths import repo_root as _repo_root

    __version__ = _project_version(_repo_root())
