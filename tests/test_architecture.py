"""The package's imports go one way: no module imports, through any chain, one that imports it.

The layers themselves are import-linter contracts (``[tool.importlinter]`` in pyproject.toml,
checked by ``make test``); this test adds what a layers contract cannot see: a cycle inside one
layer or one package.
"""

from __future__ import annotations

import grimp


def test_no_import_cycle_among_the_packages_modules() -> None:
    graph = grimp.build_graph("launchwatch")
    cycles = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            if graph.chain_exists(importer=imported, imported=module):
                chain = graph.find_shortest_chain(importer=imported, imported=module)
                cycles.append(" -> ".join([module, *chain]))
    assert not cycles, "import cycles:\n" + "\n".join(sorted(set(cycles)))


def _local_imports_of_the_package() -> list[str]:
    """'path:line' of each import of launchwatch inside a function, except those a comment on
    the line above explains as a measured start-up cost ("start-up cost")."""
    import ast
    from pathlib import Path

    import launchwatch

    root = Path(launchwatch.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for function in ast.walk(ast.parse(source)):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(function):
                ours = isinstance(node, ast.ImportFrom) and (
                    node.level > 0 or (node.module or "").startswith("launchwatch")) or \
                    isinstance(node, ast.Import) and any(
                        alias.name.startswith("launchwatch") for alias in node.names)
                if ours and not _explained(lines, node.lineno - 1):
                    found.append(f"{path.relative_to(root)}:{node.lineno}")
    return sorted(set(found))


def _explained(lines: list[str], index: int) -> bool:
    """Is the import on line ``index`` (0-based) in a block of imports under a comment that
    names its start-up cost?"""
    k = index - 1
    while k >= 0 and (lines[k].strip().startswith(("from ", "import "))
                      or lines[k].strip() == "try:"):
        k -= 1
    comment = []
    while k >= 0 and lines[k].strip().startswith("#"):
        comment.append(lines[k])
        k -= 1
    return "start-up cost" in " ".join(comment)


def test_no_function_local_import_of_the_package() -> None:
    found = _local_imports_of_the_package()
    assert not found, "imports of launchwatch inside functions:\n" + "\n".join(found)
