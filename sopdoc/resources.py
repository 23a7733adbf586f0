"""Files shipped with sopdoc (templates, schemas), found in the wheel or in the source tree."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["SOURCE_ROOT", "schema_path", "template_path"]

SOURCE_ROOT = Path(__file__).resolve().parent.parent


def _find(package: str, folder: str, name: str) -> Path:
    try:
        candidate = Path(str(resources.files(package) / name))
        if candidate.is_file():
            return candidate
    except (ModuleNotFoundError, TypeError):
        pass
    return SOURCE_ROOT / folder / name


def schema_path(name: str = "sop.schema.json") -> Path:
    """Path of a shipped JSON Schema."""
    return _find("sopdoc.schemas", "schemas", name)


def template_path(name: str) -> Path:
    """Path of a shipped docxtpl template."""
    return _find("sopdoc.templates", "templates", name)
