"""The package's module map (``caorder.__doc__``) names every module, so a newcomer can walk it."""

from __future__ import annotations

import pkgutil

import caorder


def test_the_module_map_lists_every_module():
    modules = {info.name for info in pkgutil.iter_modules(caorder.__path__)}
    missing = sorted(m for m in modules if f":mod:`caorder.{m}`" not in caorder.__doc__)
    assert missing == [], f"add these modules to the map in caorder/__init__.py: {missing}"


def test_the_module_map_names_no_module_that_does_not_exist():
    modules = {info.name for info in pkgutil.iter_modules(caorder.__path__)}
    named = {part.split("`")[0] for part in caorder.__doc__.split(":mod:`caorder.")[1:]}
    assert sorted(named - modules) == []
