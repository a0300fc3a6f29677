"""Strict YAML reading for the curated files (country groups, claims register).

PyYAML's ``safe_load`` silently keeps the last of two equal keys in a mapping, so a copied
block can replace a group or a claim without notice. :func:`load_yaml` uses
:class:`UniqueKeyLoader`, which rejects duplicate keys, and turns every YAML problem into a
one-line :class:`caorder.errors.DataError` naming the file, the line and the rule. With
``dates_as_text=True`` dates stay strings, so the caller can report an impossible date
(``2021-02-30``) with the group or row it belongs to instead of a bare ``ValueError``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from caorder.errors import DataError

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class DuplicateKeyError(yaml.MarkedYAMLError):
    """A mapping repeats a key."""


class UniqueKeyLoader(yaml.SafeLoader):
    """A ``SafeLoader`` that raises :class:`DuplicateKeyError` on a repeated mapping key."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        """Build the mapping after checking that no key occurs twice."""
        seen: dict[Any, yaml.Node] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.get(key)
            except TypeError:  # unhashable key: SafeLoader reports it below
                continue
            if first is not None:
                raise DuplicateKeyError(
                    problem=(
                        f"duplicate key {key!r} (first at line {first.start_mark.line + 1}); "
                        "rule: each key once per mapping, else the later one silently wins"
                    ),
                    problem_mark=key_node.start_mark,
                )
            seen[key] = key_node
        return super().construct_mapping(node, deep=deep)


class _TextDateLoader(UniqueKeyLoader):
    """:class:`UniqueKeyLoader` that leaves dates as strings, for the caller to check."""


_TextDateLoader.add_constructor(_TIMESTAMP_TAG, lambda loader, node: loader.construct_scalar(node))


def load_yaml(path: Path, *, dates_as_text: bool = False) -> Any:
    """Parse the YAML file at ``path`` strictly; raise :class:`DataError` on any problem."""
    loader = _TextDateLoader if dates_as_text else UniqueKeyLoader
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.load(handle, Loader=loader)
    except OSError as err:
        raise DataError(f"{path}: cannot be read ({err.strerror}). Check the path.") from None
    except UnicodeDecodeError:
        raise DataError(f"{path}: is not UTF-8 text. Save it as UTF-8.") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{path.name}, line {mark.line + 1}" if mark else path.name
        problem = getattr(err, "problem", None) or str(err)
        raise DataError(f"{where}: {' '.join(str(problem).split())}. Fix the file.") from None
    except ValueError as err:  # e.g. an impossible date read as a timestamp
        raise DataError(f"{path.name}: {err} (an impossible date?). Fix the file.") from None
