"""The JSON Schema of the SOP source format, generated from the model."""

from __future__ import annotations

import json
from typing import Any

from sopdoc.model.sop import Sop

__all__ = ["sop_json_schema", "sop_schema_text"]

SCHEMA_ID = "https://sopdoc.invalid/schemas/sop.schema.json"


def sop_json_schema() -> dict[str, Any]:
    """The schema as a dict (draft 2020-12), with a title and description for editors."""
    schema = Sop.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
        "title": "sopdoc SOP AP source (*.sop.yaml)",
        "description": "One SOP AP document (PermenPAN-RB 35/2012): identitas, the six boxes, "
        "pelaksana and kegiatan with mutu baku.",
    }


def sop_schema_text() -> str:
    """The schema as stable, pretty JSON text (what ``schemas/sop.schema.json`` holds)."""
    return json.dumps(sop_json_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
