"""Imports run one way: core knows no domain, and no two packages of the app import each other in a circle."""

import ast
from collections import defaultdict
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"


def _package_imports() -> dict[str, set[str]]:
    """For each top-level package (or module) of the app, the other ones it imports, lazily or not."""
    graph: dict[str, set[str]] = defaultdict(set)
    for path in APP.rglob("*.py"):
        parts = path.relative_to(APP).parts
        package = parts[0].removesuffix(".py")
        for node in ast.walk(ast.parse(path.read_text())):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            for name in names:
                if name.startswith("app.") and name.split(".")[1] != package:
                    graph[package].add(name.split(".")[1])
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every group of packages that reach each other (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph.get(node, set()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in list(graph):
        if node not in index:
            visit(node)
    return found


def test_core_imports_no_other_package_of_the_app() -> None:
    assert _package_imports()["core"] == set()


def test_the_shared_models_import_only_core_and_the_packages_whose_tables_they_list() -> None:
    assert _package_imports()["models"] <= {"core", "keys", "audit", "webhooks"}


def test_no_packages_import_each_other_in_a_circle() -> None:
    assert _cycles(_package_imports()) == []
