"""SOP313–SOP315: the wording of steps — hidden decisions, active verbs, actors named in the text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from sopdoc.codes import Finding, rule
from sopdoc.model.diagnostic import Severity, Teks
from sopdoc.model.sop import Kegiatan, Simbol, Sop
from sopdoc.validate.context import RuleContext, is_end_row
from sopdoc.validate.step_text import OUTCOME_ROOTS, verbs
from sopdoc.validate.text import norm, words

_W = Severity.WARNING

_CONDITIONAL = re.compile(
    r"\b(jika|apabila|bila|bilamana|kalau|seandainya|dikembalikan|(?<!yang )tidak (sesuai|lengkap|benar|valid|"
    r"disetujui|memenuhi))\b")
"""Conditional wording. "tidak lengkap" after "yang" describes a thing (a relative clause: "halaman
yang tidak lengkap" among the criteria of what to weed, bps-344), it is no outcome of a check;
returning what is unfit ("mengembalikan berkas yang tidak lengkap") is read from the verbs."""


_RETURN_UNFIT = re.compile(r"\b(yang (belum|tidak) \w+|untuk (diperbaiki|dilengkapi|perbaikan|dilengkapi))\b")


def _hidden_outcome(text: str) -> str | None:
    """The wording by which ``text`` chooses between outcomes, read from its parsed verbs: two
    alternatives of which one is a decision outcome ("menerima atau menolak", "layak … atau
    menunda"); a refusal ("menolak …"); or returning what is unfit ("mengembalikan berkas yang
    belum lengkap"). None when the text only acts."""
    for v in verbs(text):
        if v.roots & {"tolak", "gugur", "batal"}:
            return v.word
        if v.before == "atau" and v.roots & OUTCOME_ROOTS:
            return f"atau {v.word}"
        unfit = _RETURN_UNFIT.search(" ".join(v.obj)) if v.roots & {"kembali"} else None
        if unfit:
            return f"{v.word} … {unfit.group(0)}"
    return None


@rule(code="SOP313", slug="keputusan-tersembunyi", severity=_W, catalogue="FC-09",
      summary=Teks("Kata bersyarat pada kegiatan proses: keputusan tersembunyi",
                   "Conditional wording in a process step: a hidden decision"),
      hint=Teks("pisahkan pemeriksaan menjadi kegiatan `simbol: keputusan` dengan cabang ya/tidak",
                "split the check into a `simbol: keputusan` step with ya/tidak branches"))
def keputusan_tersembunyi(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """FC-09: conditional wording ("jika", "apabila", "bila", "dikembalikan", "tidak sesuai" …) in
    a step that is not a decision suggests a missing decision (seed 000 step 6, seed 003 step 10).

    Besides those words, the step's verbs are parsed (:mod:`sopdoc.validate.step_text`, by root,
    so every inflection counts): alternatives of which one is a decision's outcome ("menerima
    atau menolak", "menyatakan layak … atau menunda"), a refusal ("menolak", "menggugurkan"), or
    returning what is unfit ("mengembalikan berkas yang belum lengkap") are decisions drawn as a
    process. Alternatives of method ("secara langsung atau melalui aplikasi") are not.

    Only the Kegiatan text is read; Keterangan legitimately explains branches.
    """
    for i, step in enumerate(sop.kegiatan):
        if step.simbol is Simbol.KEPUTUSAN:
            continue
        m = _CONDITIONAL.search(norm(step.uraian))
        wording = m.group(0) if m else _hidden_outcome(step.uraian)
        if wording:
            yield Finding(("kegiatan", i, "uraian"),
                          Teks(f"kata bersyarat '{wording}' pada kegiatan yang bukan keputusan",
                               f"conditional wording '{wording}' in a step that is not a decision"))


_ACTIVE = re.compile(r"^(me|ber)[a-z]{2,}$")
_PASSIVE = re.compile(r"^di[a-z]{3,}(kan|i)?$")
_NOMINAL = re.compile(r"^ter[a-z]+nya$")
_NOMINALISATION = re.compile(r"^pe[a-z]{3,}an$")
_ROLE_WORDS = frozenset(
    [
        "kepala",
        "sekretaris",
        "kasubag",
        "kasubbag",
        "kabag",
        "kabid",
        "kasi",
        "staf",
        "pengelola",
        "perencana",
        "pejabat",
        "bupati",
        "camat",
        "lurah",
        "direktur",
        "pimpinan",
        "petugas",
        "operator",
        "bendahara",
        "tim",
        "anggota",
        "admin",
    ]
)
_START_END = frozenset(["mulai", "selesai"])
_NOT_PASSIVE = frozenset(["diskusi", "distribusi", "dinas", "disposisi", "digital", "dimensi"])


@lru_cache(maxsize=1024)
def _actor_names(actors: tuple[str, ...]) -> tuple[str, ...]:
    names = {norm(part) for actor in actors for part in (actor, *actor.split("/")) if norm(part)}
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


def _actor_prefix(step_text: str, sop: Sop) -> str | None:
    """The actor name (or role word) the text opens with, or None."""
    t = norm(step_text)
    for name in _actor_names(sop.pelaksana):
        if t == name or t.startswith(name + " "):
            return name
    first = t.split(" ")[0] if t else ""
    return first if first in _ROLE_WORDS else None


def _verb_problem(step: Kegiatan, sop: Sop) -> Teks | None:
    ws = words(step.uraian)
    if not ws:
        return None
    first = ws[0].lower()
    if step.simbol is Simbol.TERMINATOR and first in _START_END:
        return None
    actor = _actor_prefix(step.uraian, sop)
    if actor is not None:
        return Teks(
            f"kegiatan diawali subjek '{ws[0]}…'; tulis kata kerja tanpa subjek",
            f"the step opens with a subject '{ws[0]}…'; write a verb without subject",
        )
    if _ACTIVE.match(first):
        return None
    if _NOMINAL.match(first):
        return Teks(f"'{ws[0]}' menyatakan hasil, bukan kegiatan", f"'{ws[0]}' states an outcome, not an activity")
    if _PASSIVE.match(first) and first not in _NOT_PASSIVE:
        return Teks(
            f"kata kerja pasif '{ws[0]}'; gunakan bentuk aktif (me-)",
            f"passive verb '{ws[0]}'; use the active form (me-)",
        )
    if _NOMINALISATION.match(first):
        return Teks(
            f"kata benda '{ws[0]}'; gunakan kata kerja aktif (me-)", f"noun '{ws[0]}'; use an active verb (me-)"
        )
    return Teks(
        f"kegiatan tidak diawali kata kerja aktif ('{ws[0]}')",
        f"the step does not open with an active verb ('{ws[0]}')",
    )


@rule(
    code="SOP314",
    slug="uraian-bukan-kata-kerja-aktif",
    severity=_W,
    catalogue="FC-10",
    summary=Teks(
        "Kegiatan tidak diawali kata kerja aktif tanpa subjek",
        "The step does not open with an active verb without subject",
    ),
    hint=Teks(
        "tulis 'Menyusun …', 'Memeriksa …', bukan 'Kepala Bidang menyusun …' atau 'Tersusunnya …'",
        "write 'Menyusun …', 'Memeriksa …', not 'Kepala Bidang menyusun …' or 'Tersusunnya …'",
    ),
)
def uraian_bukan_kata_kerja_aktif(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """FC-10: Kegiatan opens with an active verb (me-/mem-/men-/meng-/meny-/ber-) and no subject.

    Heuristic over the first word: an actor name or role word (Kepala, Sekretaris, Perencana …)
    is a leading subject; ``ter…nya`` is a nominal outcome ("Tersusunnya …", seed 000 step 10);
    ``di…`` is passive (common nouns such as disposisi, dinas excepted); ``pe…an`` is a noun
    ("Penandatanganan …"); anything else not starting me-/ber- lacks an active verb. "Mulai" and
    "Selesai" pass on terminators.
    """
    for i, step in enumerate(sop.kegiatan):
        if is_end_row(step):
            continue
        problem = _verb_problem(step, sop)
        if problem is not None:
            yield Finding(("kegiatan", i, "uraian"), problem)


@rule(
    code="SOP315",
    slug="pelaksana-uraian-berbeda",
    severity=_W,
    catalogue="FC-11",
    summary=Teks(
        "Pelaksana yang disebut di uraian berbeda dari kolom pelaksananya",
        "The actor named in the text differs from the step's actor column",
    ),
    hint=Teks(
        "pindahkan simbol ke kolom pelaksana yang disebut, atau perbaiki uraian",
        "move the symbol to the named actor's column, or correct the text",
    ),
)
def pelaksana_uraian_berbeda(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """FC-11: an actor named as the subject at the start of the text matches the step's actor column.

    Only a leading subject is compared (later mentions are objects: "melaporkan kepada Kepala
    Dinas"); an actor column "A/ B" matches either part.
    """
    for i, step in enumerate(sop.kegiatan):
        named = _actor_prefix(step.uraian, sop)
        if named is None or not step.pelaksana:
            continue
        own = {norm(part) for a in step.pelaksana for part in (a, *a.split("/"))}
        if named not in own and not any(o.startswith(named) or named.startswith(o) for o in own if o):
            shown = ", ".join(step.pelaksana)
            yield Finding(
                ("kegiatan", i, "pelaksana"),
                Teks(
                    f"uraian menyebut '{named}', kolom pelaksana '{shown}'",
                    f"the text names '{named}', the actor column is '{shown}'",
                ),
            )
