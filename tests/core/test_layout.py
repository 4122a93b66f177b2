"""The package layout stays legible: no import circles between estel's modules, small modules.

Import edges are read from the source with `ast` (every import, including those inside
functions and under TYPE_CHECKING: a lazy import still ties two modules together), and circles
are the strongly connected components of that graph.
"""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MAX_LINES = 400  # "modules under ~400 lines" (README, Development)


def module_files(package: Path) -> dict[str, Path]:
    files = {}
    for path in package.rglob("*.py"):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        files[".".join(parts)] = path
    return files


def _imported(node: ast.ImportFrom | ast.Import, package: str) -> list[str]:
    """Candidate module names an import statement refers to (longest first)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        parts = package.split(".")[: len(package.split(".")) - node.level + 1]
        base = ".".join(parts + ([node.module] if node.module else []))
    return [f"{base}.{alias.name}" for alias in node.names] + [base]


def import_graph(files: dict[str, Path]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                candidates = _imported(node, package)
                targets = [c for c in candidates[:-1] if c in files] or (
                    [candidates[-1]] if candidates[-1] in files else [])
                graph[name].update(t for t in targets if t != name)
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_estel_has_no_import_circle():
    assert circles(import_graph(module_files(REPO / "estel"))) == []


def test_the_circle_check_finds_a_circle(tmp_path):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "a.py").write_text("from pkg.sub import b\n")
    (package / "sub" / "b.py").write_text("def f():\n    from ..c import x\n")
    (package / "c.py").write_text("from typing import TYPE_CHECKING\n"
                                  "if TYPE_CHECKING:\n    import pkg.a\n")
    (package / "d.py").write_text("import pkg.a\n")
    assert circles(import_graph(module_files(package))) == [["pkg.a", "pkg.c", "pkg.sub.b"]]


def test_modules_stay_under_the_size_limit():
    long = {name: n for name, path in module_files(REPO / "estel").items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_readme_layout_names_every_package():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    layout = readme.split("### Layout", 1)[1].split("### Tests", 1)[0]
    packages = sorted({name.rsplit(".", 1)[-1] for name, path in
                       module_files(REPO / "estel").items()
                       if path.name == "__init__.py" and name != "estel"})
    assert [p for p in packages if f"{p}/" not in layout] == []
