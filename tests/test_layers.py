"""The shell's layers point only down, with no cycle and no borrowed private names.

Imports are read with `ast` from every module, including imports inside
functions (a lazy import is still a dependency; hiding a cycle in a function
was how the old cli/batch cycle survived).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "dedupe_cli"
SHELL: list[tuple[str, ...]] = [
    ("sources",),  # disk and stdin
    ("inputs",),  # names -> documents
    ("runner", "engines", "engines.dask"),  # where work runs; knows no documents
    ("jobs",),  # one job over documents
    ("output",),  # stdout, stderr, pager, progress
    ("run", "corpus_run"),  # carrying out a command
    ("cli",),  # Click
    ("__main__",),
]
"""Below the shell: the pure core (rank 0), then the renderers (`render*`) and the API."""


def _rank(name: str) -> int:
    for rank, names in enumerate(SHELL, start=2):
        if name in names:
            return rank
    return 1 if name.startswith("render") or name == "__init__" else 0


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" and len(rel.parts) > 1 else rel.parts
    return ".".join(parts)


RANK = {_module_name(p): _rank(_module_name(p)) for p in PACKAGE.rglob("*.py")}


def _resolve(module: str, node: ast.ImportFrom) -> str | None:
    """The package module an ImportFrom names, or None when it is outside the package."""
    if node.level == 0:
        if not (node.module or "").startswith("dedupe_cli"):
            return None
        rest = (node.module or "").removeprefix("dedupe_cli").lstrip(".")
        return rest or "__init__"
    is_package = module in ("__init__", "engines")
    base = module.split(".") if is_package else module.split(".")[:-1]
    if module == "__init__":
        base = []
    base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
    target = ".".join([*base, *(node.module.split(".") if node.module else [])])
    return target or "__init__"


def edges() -> list[tuple[str, str, list[str]]]:
    """(importer, imported module, names taken from it) for every import in the package."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                target = _resolve(module, node)
                if target is None:
                    continue
                names = [a.name for a in node.names]
                if target == "__init__" and names and all(f"{n}" in RANK for n in names):
                    found += [(module, n, []) for n in names]  # `from . import jobs`
                else:
                    found.append((module, target, names))
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("dedupe_cli."):
                        found.append((module, alias.name.removeprefix("dedupe_cli."), []))
    return found


def private_attributes() -> list[str]:
    """`module._name` uses, where `module` was imported from the package."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        bound = {
            alias.asname or alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and _resolve(module, node) is not None
            for alias in node.names
            if alias.name in RANK
        }
        found += [
            f"{module} uses {node.value.id}.{node.attr}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in bound
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ]
    return found


def test_shell_modules_exist() -> None:
    assert {n for names in SHELL for n in names} <= set(RANK)


def test_imports_only_point_down() -> None:
    upward = [
        f"{src} -> {dst}"
        for src, dst, _ in edges()
        if dst in RANK and RANK[dst] > RANK[src] and src != "__init__"
    ]
    assert upward == []


def test_no_module_imports_a_private_name_of_another() -> None:
    private = [
        f"{src} imports {dst}.{name}"
        for src, dst, names in edges()
        for name in names
        if name.startswith("_") and not name.startswith("__") and dst != src
    ]
    assert private + private_attributes() == []


def test_no_import_cycle() -> None:
    graph: dict[str, set[str]] = {}
    for src, dst, _ in edges():
        if dst != src and dst != "__init__":
            graph.setdefault(src, set()).add(dst)

    def visit(node: str, path: tuple[str, ...]) -> None:
        assert node not in path, " -> ".join([*path, node])
        for nxt in sorted(graph.get(node, ())):
            visit(nxt, (*path, node))

    for start in sorted(graph):
        visit(start, ())


def test_the_checker_sees_lazy_imports() -> None:
    # cli imports corpus_run only inside the `corpus` command
    assert ("cli", "corpus_run", ["CorpusJob", "run_corpus"]) in edges()
