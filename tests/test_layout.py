"""The package's import graph: no circles between files, and the layers' arrows point one way.

Every import the interpreter can run counts, including those inside
functions (the lazy imports that keep start-up fast); imports under
``if TYPE_CHECKING:`` do not run and are left out.

Layers, lowest first; a module may import its own package and any lower
layer, never a higher one or a sibling of the same rank:

0. ``atmp_desktop`` itself (name, version), ``paths``, ``settings``
1. ``domain`` (plain Python: the clinical and planning truth), ``errors``, ``preferences``, ``about``
   (what the About dialog says: build, catalogue, licences)
2. ``storage`` (SQL lives here), ``reports`` (PDFs of domain objects)
3. ``services`` (sessions and permissions over the store)
4. ``ui`` (PySide6)
5. ``app`` (composition root of the window)
6. ``cli`` (the command line; opens the window when given no command)
7. ``__main__``
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "atmp_desktop"

RANKS = {
    "": 0, "paths": 0, "settings": 0,
    "domain": 1, "errors": 1, "preferences": 1, "about": 1,
    "storage": 2, "reports": 2,
    "services": 3,
    "ui": 4,
    "app": 5,
    "cli": 6,
    "__main__": 7,
}


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for n in ast.walk(node))
    return skip


def import_graph() -> dict[str, set[str]]:
    """Module name -> the package's modules it imports at run time."""
    modules = _modules()
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        skip = _type_checking_nodes(tree)
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.Import):
                graph[name].update(a.name for a in node.names if a.name in modules)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                for alias in node.names:
                    if f"{target}.{alias.name}" in modules:
                        graph[name].add(f"{target}.{alias.name}")
                    elif target in modules:
                        graph[name].add(target)
        graph[name].discard(name)
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_every_module_belongs_to_a_layer():
    unknown = sorted({layer(m) for m in _modules()} - set(RANKS))
    assert not unknown, f"give these a layer in tests/test_layout.py: {unknown}"


def test_no_import_circle_between_files():
    found = circles(import_graph())
    assert not found, "import circles (each line one circle):\n" + "\n".join(" <-> ".join(c) for c in found)


def test_the_layers_arrows_point_one_way():
    wrong = []
    for module, targets in import_graph().items():
        for target in targets:
            a, b = layer(module), layer(target)
            if a != b and RANKS[b] >= RANKS[a]:
                wrong.append(f"{module} -> {target}")
    assert not wrong, "imports against the layers:\n" + "\n".join(sorted(wrong))


def test_the_application_does_not_import_the_command_line():
    graph = import_graph()
    assert not {t for t in graph["atmp_desktop.app"] if layer(t) == "cli"}


@pytest.mark.parametrize("graph, expected", [
    ({"a": {"b"}, "b": {"a"}, "c": set()}, [["a", "b"]]),
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, [["a", "b", "c"]]),
    ({"a": {"b"}, "b": set()}, []),
])
def test_circles_are_found(graph, expected):
    assert circles(graph) == expected


def test_lazy_imports_count_and_type_checking_imports_do_not(tmp_path):
    tree = ast.parse("if TYPE_CHECKING:\n    import x\ndef f():\n    import y\n")
    skipped = _type_checking_nodes(tree)
    names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) and id(n) not in skipped for a in n.names]
    assert names == ["y"]
