"""What the commands a user starts by hand load (whole-process start-up, bench/startup.py).

``sopdoc log add`` is one whole process per entry (budget 100 ms, issue #15): it must load
neither the document model (pydantic), the YAML reader, the checker, the layout nor every stage's
code table, and, once the holiday cache holds the year, not the ``holidays`` package either.
``sopdoc check`` of ``*.sop.yaml`` files loads no importer and, for one file, no process pool."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES
from tests.execution.helpers import LOOP_SOP

# Runs the CLI in a fresh interpreter and prints the modules it loaded.
_PROBE = """
import json, sys
from sopdoc.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""

NOT_LOADED = ("pydantic", "yaml", "holidays", "sopdoc.model.sop", "sopdoc.source.reader", "sopdoc.validate",
              "sopdoc.layout.geometry", "sopdoc.all_codes", "sopdoc.config", "sopdoc.render", "sopdoc.importers")


def _run(args: list[str], env: dict[str, str], cwd: Path) -> tuple[int, list[str]]:
    proc = subprocess.run([sys.executable, "-c", _PROBE, *args], env=env, cwd=cwd, capture_output=True,
                          text=True, check=False, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.splitlines()[-1])
    return out["code"], out["modules"]


def test_log_add_loads_only_what_it_needs(tmp_path: Path) -> None:
    env = {**os.environ, "SOPDOC_DB": str(tmp_path / "uji.db"), "SOPDOC_USER": "uji", "SOPDOC_LANG": "id"}
    assert _run(["period", "open", str(LOOP_SOP), "--period", "2026-TW3"], env, tmp_path)[0] == 0
    add = ["log", "add", "keputusan-loop-2026-TW3", "--langkah", "1", "--oleh", "Budi / 1980",
           "--peran", "Kepala Dinas", "--mulai", "2026-10-01 08:00", "--selesai", "2026-10-01 08:20"]
    code, first = _run(add, env, tmp_path)
    assert code == 0 and "holidays" in first  # the first entry of a year asks the package
    assert (tmp_path / ".sopdoc-cache" / "libur-nasional.json").is_file()
    code, second = _run(add, env, tmp_path)
    assert code == 0
    loaded = [m for m in second if any(m == name or m.startswith(f"{name}.") for name in NOT_LOADED)]
    assert loaded == []
    assert "sopdoc.execution.recording" in second and "sopdoc.config_file" in second


def test_check_of_a_source_loads_no_importer(tmp_path: Path) -> None:
    env = {**os.environ, "SOPDOC_LANG": "id"}
    code, modules = _run(["check", str(EXAMPLES / "pengumpulan-data-kinerja.sop.yaml")], env, tmp_path)
    assert code == 0
    assert [m for m in modules if m.startswith(("sopdoc.importers.", "multiprocessing", "concurrent"))] == [
        "sopdoc.importers.codes", "sopdoc.importers.inputs"]  # IMP codes for [check]; file names
    assert "sopdoc.validate.engine" in modules


def test_render_of_a_source_loads_no_importer_nor_every_code_table(tmp_path: Path) -> None:
    """``sopdoc render x.sop.yaml`` as a whole process (issue #16, point 10): no importer (only the
    file-name rules), no stage's code table, no full configuration loader."""
    env = {**os.environ, "SOPDOC_LANG": "id"}
    code, modules = _run(["render", str(EXAMPLES / "pengumpulan-data-kinerja.sop.yaml"), "--format", "pdf",
                          "-o", str(tmp_path / "out")], env, tmp_path)
    assert code == 0 and (tmp_path / "out" / "pengumpulan-data-kinerja.pdf").is_file()
    assert [m for m in modules if m.startswith("sopdoc.importers.")] == ["sopdoc.importers.inputs"]
    assert not {"sopdoc.all_codes", "sopdoc.config", "sopdoc.validate.engine"} & set(modules)


def test_render_loads_no_other_command_module(tmp_path: Path) -> None:
    """The CLI loads a command's module only when that command runs (issue #16, point 10):
    ``sopdoc render`` imports none of check, import, period/log, katalog, diff, buku, evaluasi, serve."""
    env = {**os.environ, "SOPDOC_LANG": "id"}
    code, modules = _run(["render", str(EXAMPLES / "pengumpulan-data-kinerja.sop.yaml"), "--format", "pdf",
                          "-o", str(tmp_path / "out")], env, tmp_path)
    assert code == 0
    assert [m for m in modules if m.startswith("sopdoc.cli.")] == [
        "sopdoc.cli.outputs", "sopdoc.cli.progress", "sopdoc.cli.render", "sopdoc.cli.spelling"]


def test_main_help_lists_every_command_in_both_languages(tmp_path: Path) -> None:
    """``sopdoc --help`` still lists every command with its one-line help although commands load lazily."""
    for lang, line in (("id", "Cetak SOP ke PDF, DOCX"), ("en", "Render SOPs to PDF, DOCX")):
        proc = subprocess.run([sys.executable, "-m", "sopdoc", "--lang", lang, "--help"], cwd=tmp_path,
                              capture_output=True, text=True, check=False, timeout=120)
        assert proc.returncode == 0, proc.stderr
        listed = proc.stdout.split("Commands:" if lang == "en" else "Perintah:")[1]
        names = [row.split()[0] for row in listed.splitlines() if row.strip()]
        assert names == ["buku", "check", "diff", "evaluasi", "import", "info", "katalog", "log", "period",
                         "render", "rules", "schema", "serve"]
        assert line in listed


# Runs the console-script entry point (``run()``, which ends the process) and prints what it loaded.
_RUN_PROBE = """
import gc, json, sys
from sopdoc.process import run
sys.argv = ["sopdoc", *sys.argv[1:]]
try:
    run()
finally:
    print(json.dumps({"modules": sorted(sys.modules), "gc": gc.get_threshold()[0]}))
"""


def test_render_process_scans_no_installed_distribution(tmp_path: Path) -> None:
    """The ``sopdoc`` process (:mod:`sopdoc.process`) asks pydantic for no plugins (issue #16, point
    10): neither ``importlib.metadata`` (which reads every installed distribution's entry points)
    nor what it loads (the email package, importlib.resources, csv, socket, zipfile); the collector
    waits for 100,000 new objects; the PDF is the same."""
    example = str(EXAMPLES / "pengumpulan-data-kinerja.sop.yaml")
    proc = subprocess.run([sys.executable, "-c", _RUN_PROBE, "render", example, "-o", str(tmp_path / "run")],
                          env={**os.environ, "SOPDOC_LANG": "id"}, cwd=tmp_path, capture_output=True, text=True,
                          check=False, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.splitlines()[-1])
    assert "pydantic" in out["modules"] and "sopdoc.model.sop" in out["modules"]
    removed = ("importlib.metadata", "importlib.resources", "email", "csv", "socket", "zipfile")  # on the path before
    assert [m for m in out["modules"] if m.startswith(removed)] == []
    assert out["gc"] == 100_000
    code, _modules = _run(["render", example, "-o", str(tmp_path / "main")], {**os.environ, "SOPDOC_LANG": "id"},
                          tmp_path)  # main() in a process with pydantic's own plugin loader
    assert code == 0
    name = "pengumpulan-data-kinerja.pdf"
    assert (tmp_path / "run" / name).read_bytes() == (tmp_path / "main" / name).read_bytes()
