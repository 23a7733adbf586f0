"""Web application speed and load (issue 17 item 10).

1. In process (Django's test client, SQLite): the editor page of a 40-step SOP (budget p95 ≤ 200 ms)
   and a preview update of that editor's form (budget p95 ≤ 150 ms), p50/p95 over ``--runs`` calls.
   The editor page is timed warm (its version already read, checked and drawn by this process) and
   cold (those caches emptied before each call: a version this process has not seen). Each preview
   update changes one step's time, as an author typing does, so every one is read, checked, laid out
   and drawn afresh; it is posted url-encoded, as htmx posts it. A repeated identical preview (htmx
   sends one on ``input`` and again on ``change``) is timed apart. ``--before REV`` first times a git
   revision the same way (this script run on ``git archive REV``, in a child process), so that a
   change is measured before and after in one run, under the same machine load.
2. A bounded load run on loopback: gunicorn (``sopdoc.web.wsgi``) on SQLite, and on PostgreSQL when
   ``--pg URL`` is given (``eval "$(bash tests/pg_server.sh start)"`` then ``--pg "$SOPDOC_TEST_PG"``),
   ``--users`` threads of a small HTTP client for ``--seconds`` each: every user loops over the SOP list,
   an SOP's page, the editor of the 40-step SOP, a preview update and the inspection dashboard.
   Reports requests, errors (any status other than 200, or a refused connection) and p50/p95.

Needs the ``web`` and ``dev`` extras (gunicorn is a dev dependency).
"""

from __future__ import annotations

import argparse
import html.parser
import http.cookiejar
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
EXAMPLE = ROOT / "examples" / "pengumpulan-data-kinerja.sop.yaml"
PASSWORD = "kata-sandi-bench-2026"
ACTORS = ("Kepala Dinas", "Sekretaris", "Kepala Bidang", "Kasubag Program", "Staf Penyusun Evaluasi Kinerja")


def sop_text(steps: int = 40) -> str:
    """The example SOP with ``steps`` steps: a start, processes over every actor, one decision, an end."""
    head = EXAMPLE.read_text(encoding="utf-8").split("\nkegiatan:\n", 1)[0]
    rows = []
    decision = steps // 2
    for n in range(1, steps + 1):
        simbol = "terminator" if n in (1, steps) else "keputusan" if n == decision else "proses"
        row = (f"  - no: {n}\n    uraian: Melaksanakan kegiatan {n} pengumpulan data kinerja triwulan\n"
               f"    pelaksana: {ACTORS[n % len(ACTORS)]}\n    simbol: {simbol}\n")
        if n == decision:
            row += f"    cabang: {{ya: {n + 1}, tidak: {n - 1}, label_ya: Sesuai, label_tidak: Tidak sesuai}}\n"
        row += (f"    mutu_baku:\n      kelengkapan: [Dokumen {n}]\n      waktu: {15 + n} menit\n"
                f"      output: Hasil kegiatan {n}\n")
        rows.append(row)
    return head + "\nkegiatan:\n" + "".join(rows)


def build_site(db: str) -> dict[str, int]:
    """Migrate ``db``, create one user per role and the SOPs; returns the pks of the SOPs."""
    from sopdoc.web import serve

    serve.setup(db, http=True, hosts="127.0.0.1,localhost,testserver")
    serve.migrate()
    from sopdoc.web.akun.models import Pengguna, Unit
    from sopdoc.web.sop.models import Sop
    from sopdoc.web.sop.views import _save_version

    unit = Unit.objects.create(kode="ortala", nama="Bagian Organisasi")
    users = {role: Pengguna.objects.create_user(role, password=PASSWORD, peran=role,
                                                unit=None if role in ("inspektur", "admin") else unit)
             for role in ("penyusun", "inspektur")}
    big = Sop.objects.create(unit=unit, judul="SOP 40 langkah", dibuat_oleh=users["penyusun"])
    _save_version(big, sop_text(40), users["penyusun"], "bench")
    small = Sop.objects.create(unit=unit, judul="Pengumpulan Data Kinerja", dibuat_oleh=users["penyusun"])
    _save_version(small, EXAMPLE.read_text(encoding="utf-8"), users["penyusun"], "contoh")
    return {"big": big.pk, "small": small.pk}


class _Form(html.parser.HTMLParser):
    """The fields of the editor's form as a browser would post them."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []  # type: ignore[var-annotated]
        self._textarea: str | None = None
        self._select: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside or ("name" not in a and tag != "option"):
            return
        if tag == "input" and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") != "checkbox" or "checked" in a:
                self.fields.append((a["name"], a.get("value", "")))
        elif tag == "textarea":
            self._textarea, self._text = a["name"], []
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value", "")))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self.inside = False


def editor_fields(page: str) -> list[tuple[str, str]]:
    p = _Form("form-editor")
    p.feed(page)
    return p.fields


def pct(times: list[float], q: float) -> float:
    s = sorted(times)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]


def in_process(runs: int) -> None:
    from django.test import Client
    from django.urls import reverse

    with tempfile.TemporaryDirectory() as tmp:
        pks = build_site(str(Path(tmp) / "web.sqlite"))
        c = Client()
        assert c.login(username="penyusun", password=PASSWORD)
        url = reverse("sop:ubah", args=[pks["big"]])
        page = c.get(url)
        assert page.status_code == 200, page.status_code
        fields = editor_fields(page.content.decode())
        data = dict(fields)
        post: dict[str, Any] = {}
        for k, v in fields:
            post.setdefault(k, []).append(v)
        assert "n_rows" in data and data["n_rows"] == "40", data.get("n_rows")
        preview = reverse("sop:pratinjau", args=[pks["big"]])
        form = "application/x-www-form-urlencoded"
        r = c.post(preview, urllib.parse.urlencode(post, doseq=True), content_type=form)
        assert r.status_code == 200 and b"<svg" in r.content, r.status_code
        typed = iter(range(10**6))

        def changed() -> Any:  # one step's time typed anew: a source this process has not seen
            body = {**post, "k-3-waktu": [f"{10 + next(typed) % 500} menit"]}
            return c.post(preview, urllib.parse.urlencode(body, doseq=True), content_type=form)

        def cold() -> Any:
            from sopdoc.web.sop import engine

            for name in ("read", "check_source", "canonical", "_preview"):  # (a revision without them: no-op)
                getattr(getattr(engine, name, None), "cache_clear", lambda: None)()
            return c.get(url)

        same = urllib.parse.urlencode(post, doseq=True)
        for label, call in (("editor page, 40-step SOP (GET, warm)", lambda: c.get(url)),
                            ("editor page, 40-step SOP (GET, cold)", cold),
                            ("preview update, 40-step SOP (POST, a field changed)", changed),
                            ("preview repeated, 40-step SOP (POST, same form)",
                             lambda: c.post(preview, same, content_type=form))):
            call()
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                resp = call()
                times.append((time.perf_counter() - start) * 1000)
                assert resp.status_code == 200
            print(f"{label}: p50 {pct(times, .5):.0f} ms, p95 {pct(times, .95):.0f} ms over {runs}")


# --- the load run -----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Session:
    def __init__(self, base: str) -> None:
        self.base, self.jar = base, http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def csrf(self) -> str:
        return next((c.value or "" for c in self.jar if c.name == "csrftoken"), "")

    def get(self, path: str) -> tuple[int, str]:
        with self.opener.open(self.base + path, timeout=60) as r:
            return r.status, r.read().decode("utf-8", "replace")

    def post(self, path: str, fields: list[tuple[str, str]]) -> int:
        body = urllib.parse.urlencode(fields).encode()
        req = urllib.request.Request(self.base + path, data=body, headers={
            "X-CSRFToken": self.csrf(), "Referer": self.base + path, "HX-Request": "true"})
        with self.opener.open(req, timeout=60) as r:
            r.read()
            return int(r.status)

    def login(self, user: str) -> None:
        _status, page = self.get("/akun/masuk/")
        token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
        self.post("/akun/masuk/", [("csrfmiddlewaretoken", token), ("username", user), ("password", PASSWORD)])


def load_run(db: str, users: int, seconds: float, workers: int) -> None:
    env = {**os.environ, "SOPDOC_DB": db, "SOPDOC_WEB_HTTP": "1", "SOPDOC_WEB_HOSTS": "127.0.0.1",
           "DJANGO_SETTINGS_MODULE": "sopdoc.web.settings"}
    if not (shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or shutil.which("gunicorn")):
        print("load run skipped: gunicorn is not installed (pip install -e '.[dev]')")
        return
    setup = subprocess.run([sys.executable, __file__, "--build-only", db], env=env, capture_output=True, text=True)
    if setup.returncode:
        raise SystemExit(setup.stderr)
    pks = dict(kv.split("=") for kv in setup.stdout.split())
    port = _free_port()
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    server = subprocess.Popen([gunicorn, "sopdoc.web.wsgi", "--bind", f"127.0.0.1:{port}", "--workers",
                               str(workers), "--threads", "4", "--timeout", "120", "--log-level", "warning"],
                              env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/akun/masuk/", timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("gunicorn did not start") from None
                time.sleep(0.3)
        author, inspector = _Session(base), _Session(base)
        author.login("penyusun")
        inspector.login("inspektur")
        _s, page = author.get(f"/sop/{pks['big']}/ubah/")
        fields = editor_fields(page)
        times: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        stop = time.monotonic() + seconds

        def user(n: int) -> None:
            s = author if n % 2 == 0 else inspector
            steps: list[tuple[str, str]] = [("get", "/sop/"), ("get", f"/sop/{pks['small']}/")]
            steps += ([("get", f"/sop/{pks['big']}/ubah/"), ("post", f"/sop/{pks['big']}/pratinjau/")]
                      if s is author else [("get", "/inspeksi/")])
            i = n
            while time.monotonic() < stop:
                method, path = steps[i % len(steps)]
                i += 1
                start = time.perf_counter()
                try:
                    status = s.get(path)[0] if method == "get" else s.post(path, fields)
                    ok = status == 200
                except (urllib.error.URLError, OSError) as e:
                    ok, status = False, getattr(e, "code", str(e))
                took = (time.perf_counter() - start) * 1000
                with lock:
                    times.append(took)
                    if not ok:
                        errors.append(f"{method} {path}: {status}")

        threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - started
        kind = "PostgreSQL" if db.startswith("postgres") else "SQLite"
        print(f"load, {kind}, gunicorn {workers} workers × 4 threads, {users} users, {wall:.0f} s: "
              f"{len(times)} requests ({len(times) / wall:.1f}/s), {len(errors)} errors, "
              f"p50 {statistics.median(times):.0f} ms, p95 {pct(times, .95):.0f} ms")
        for e in sorted(set(errors))[:5]:
            print("  error:", e)
    finally:
        server.terminate()
        server.wait(timeout=30)


def before(rev: str, runs: int) -> None:
    """The in-process timings of git revision ``rev``: this script run in a child process on an
    extracted copy of that revision (its own ``sopdoc`` first on the path)."""
    with tempfile.TemporaryDirectory(prefix="sopdoc-bench-before-") as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        script = Path(tmp) / "bench" / "web_load.py"
        shutil.copyfile(__file__, script)
        print(f"before ({rev}), load average {os.getloadavg()[0]:.1f}:", flush=True)
        subprocess.run([sys.executable, str(script), "--no-load", "--runs", str(runs), "--quiet"], check=True,
                       cwd=tmp)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=40)
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--pg", default="", help="a PostgreSQL URL for the second load run")
    ap.add_argument("--no-load", action="store_true", help="only the in-process timings")
    ap.add_argument("--quiet", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--before", metavar="REV", help="first time the in-process figures of this git revision")
    ap.add_argument("--build-only", metavar="DB", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.build_only:
        pks = build_site(args.build_only)
        print(" ".join(f"{k}={v}" for k, v in pks.items()))
        return
    if args.quiet:
        import sopdoc

        print(f"  (sopdoc from {Path(sopdoc.__file__).parent})")
    else:
        print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if args.before:
        before(args.before, args.runs)
        print(f"after (this tree), load average {os.getloadavg()[0]:.1f}:")
    in_process(args.runs)
    if args.no_load:
        return
    with tempfile.TemporaryDirectory() as tmp:
        load_run(str(Path(tmp) / "load.sqlite"), args.users, args.seconds, args.workers)
    if args.pg:
        load_run(args.pg, args.users, args.seconds, args.workers)
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
