"""No code changes a history-tracked model with a queryset's `.update()` or `.bulk_update()`, which write no
history row. Save each object, or use simple_history's `bulk_update_with_history`."""

import ast
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[2] / "opendsr"


def _tracked() -> set[str]:
    return {model.__name__ for model in apps.get_models() if hasattr(model, "history")}


def _model_behind(node) -> str | None:
    """The model a chain like `Model.objects.filter(...).exclude(...)` starts from."""
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            if node.attr == "objects" and isinstance(node.value, ast.Name):
                return node.value.id
            node = node.value
        else:
            return None


def test_no_queryset_update_on_a_model_with_history():
    tracked = _tracked()
    assert {"Person", "TimelineEvent", "InstrumentVersion", "KloeTemplate"} <= tracked
    found = []
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("update", "bulk_update")
                and _model_behind(node.func.value) in tracked
            ):
                found.append(f"{path.relative_to(ROOT.parent)}:{node.lineno}")
    assert found == [], f"These change history-tracked rows without writing history: {found}"
