"""Imports run only downward: the layer rule of CONTRIBUTING.md, read from the module map.

The map in ``caorder/__init__.py`` groups the modules into layers, from the bottom. Every
``import`` of the package, module-level or inside a function, is read with :mod:`ast`; a module
may import from its own layer or below, never from above.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import caorder

PACKAGE = Path(caorder.__file__).parent


def layers() -> dict[str, int]:
    """Module name -> layer number (0 = bottom), from the map in ``caorder.__doc__``."""
    found: dict[str, int] = {}
    layer = -1
    body = caorder.__doc__.split("CONTRIBUTING.md for the diagram):", 1)[1]
    for line in body.splitlines():
        if line.strip() and not line.startswith(" ") and ":mod:" not in line and "``" not in line:
            layer += 1
        match = re.match(r"\s+:mod:`caorder\.(\w+)`", line)
        if match:
            found[match.group(1)] = layer
    return found


def imported(path: Path) -> list[tuple[str, int]]:
    """(caorder module, line) for every import in ``path`` (submodules name their package)."""
    names: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            parts = node.module.split(".")
            if parts[0] != "caorder":
                continue
            targets = [alias.name for alias in node.names] if len(parts) == 1 else [parts[1]]
            names += [(t, node.lineno) for t in targets if t != "__version__"]
        elif isinstance(node, ast.Import):
            names += [
                (alias.name.split(".")[1], node.lineno)
                for alias in node.names
                if alias.name.startswith("caorder.")
            ]
    return names


def _home(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def upward_imports() -> list[str]:
    """Every import from a higher layer, as ``"file:line: a (layer) imports b (layer)"``."""
    layer = layers()
    broken = []
    for path in sorted(PACKAGE.rglob("*.py")):
        home = _home(path)
        if home == "__init__":
            continue
        for target, line in imported(path):
            if target in layer and layer[target] > layer[home]:
                broken.append(
                    f"{path.relative_to(PACKAGE)}:{line}: {home} (layer {layer[home]}) "
                    f"imports {target} (layer {layer[target]})"
                )
    return broken


def test_the_map_has_layers_and_every_module_has_one():
    layer = layers()
    assert len(set(layer.values())) >= 5
    modules = {_home(p) for p in PACKAGE.rglob("*.py")} - {"__init__"}
    assert sorted(modules - set(layer)) == []


def test_imports_run_only_downward():
    broken = upward_imports()
    assert broken == [], "imports from a higher layer (see caorder/__init__.py):\n" + "\n".join(
        broken
    )


def test_an_upward_import_is_caught(tmp_path, monkeypatch):
    """The check is not vacuous: a curated-data module importing the verdicts is refused."""
    fake = tmp_path / "caorder"
    fake.mkdir()
    (fake / "countries.py").write_text("from caorder import verdicts\n", encoding="utf-8")
    monkeypatch.setitem(globals(), "PACKAGE", fake)
    assert upward_imports() == [
        "countries.py:1: countries (layer 1) imports verdicts (layer 4)",
    ]


def test_each_evaluator_lives_in_its_chapter_module_or_one_its_docstring_names():
    """One home: an evaluator outside ``verdicts/chN.py`` sits in a module the chapter names."""
    from caorder import verdicts

    misplaced = []
    for prefix, module in verdicts.MODULES.items():
        for name, evaluator in module.EVALUATORS.items():
            home = evaluator.evidence.__module__
            if home == module.__name__:
                continue
            named = f":mod:`{home}`" in module.__doc__ and f"``{name}``" in module.__doc__
            if not named:
                misplaced.append(f"{prefix}.{name} (in {home})")
    assert misplaced == [], f"name these in the chapter module's docstring: {misplaced}"
