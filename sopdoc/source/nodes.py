"""YAML node tree → plain Python for the SOP loader: positions recorded, tags refused, YAML 1.2
scalars, duplicate keys found, alias expansion bounded; libyaml's messages in Indonesian."""

from __future__ import annotations

import re
from typing import Any

import yaml

from sopdoc.model.diagnostic import Diagnostic, Origin, Path, Teks
from sopdoc.source.codes import reading_diagnostic
from sopdoc.source.source_map import SourceMap

__all__ = ["MAX_DEPTH", "MAX_NODES", "NodeConverter", "NodeProblem", "node_position", "yaml_message_id"]

MAX_NODES = 50_000  # nodes visited while expanding aliases (a 1,000-step SOP has ~20,000)
MAX_DEPTH = 64

_constructor = yaml.constructor.SafeConstructor()
_TAG = "tag:yaml.org,2002:"


class NodeProblem(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message.en)
        self.diagnostic = diagnostic


def node_position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class NodeConverter:
    """Node tree → plain Python, recording positions and refusing what a source must not hold."""

    def __init__(self, smap: SourceMap) -> None:
        self.smap = smap
        self.visits = 0
        self.problems: list[Diagnostic] = []

    def origin(self, node: yaml.Node) -> Origin:
        line, col = node_position(node)
        return Origin(file=self.smap.file, line=line, column=col)

    def convert(self, node: yaml.Node, path: Path, depth: int = 0) -> Any:
        self.visits += 1
        if self.visits > MAX_NODES or depth > MAX_DEPTH:
            raise NodeProblem(reading_diagnostic(
                "SOP008",
                Teks(f"alias/anchor YAML mengembang melebihi {MAX_NODES} simpul atau {MAX_DEPTH} tingkat",
                     f"YAML anchors/aliases expand past {MAX_NODES} nodes or {MAX_DEPTH} levels"),
                path=path, origin=self.origin(node)))
        if path not in self.smap.values:
            self.smap.values[path] = node_position(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _TAG + "seq":
                raise self._bad_tag(node, path)
            return [self.convert(child, (*path, i), depth + 1) for i, child in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)  # the composer makes only mapping, sequence and scalar nodes
        return self._scalar(node, path)

    def _bad_tag(self, node: yaml.Node, path: Path) -> NodeProblem:
        return NodeProblem(reading_diagnostic(
            "SOP004", Teks(f"tag YAML {node.tag!r} tidak diizinkan", f"YAML tag {node.tag!r} is not allowed"),
            path=path, origin=self.origin(node),
            hint=Teks("hapus tag; sumber SOP hanya berisi teks, angka, tanggal, daftar dan pemetaan",
                      "remove the tag; an SOP source holds only text, numbers, dates, lists and mappings")))

    def _mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        if node.tag != _TAG + "map":
            raise self._bad_tag(node, path)
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise NodeProblem(reading_diagnostic(
                    "SOP007", Teks("kunci harus berupa teks", "a key must be text"),
                    path=path, origin=self.origin(key_node)))
            if key_node.tag == _TAG + "merge":
                raise self._bad_tag(key_node, path)
            key = key_node.value  # keys are names: `no:` stays "no", never False
            sub = (*path, key)
            if key in out:
                first = self.smap.keys.get(sub, (0, 0))
                self.problems.append(reading_diagnostic(
                    "SOP005",
                    Teks(f"kunci {key!r} sudah ada di baris {first[0]}",
                         f"key {key!r} already appears on line {first[0]}"),
                    path=sub, origin=self.origin(key_node)))
                continue
            self.smap.keys[sub] = node_position(key_node)
            out[key] = self.convert(value_node, sub, depth + 1)
        return out

    def _scalar(self, node: yaml.ScalarNode, path: Path) -> Any:
        tag, value = node.tag, node.value
        if tag == _TAG + "str" or tag == _TAG + "timestamp":
            return value  # dates are parsed by the model, which reports impossible ones
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            # YAML 1.2: only true/false are booleans; "Ya", "yes", "no", "on" stay text.
            return {"true": True, "false": False}.get(value.lower(), value)
        if tag == _TAG + "int":
            digits = value.lstrip("+-").replace("_", "")
            ascii_digits = digits.isascii() and digits.isdigit()  # '²', '₂', '①' stay text (then SOP007)
            return _constructor.construct_yaml_int(node) if ascii_digits and "_" not in value else value
        if tag == _TAG + "float":
            try:
                return _constructor.construct_yaml_float(node)
            except ValueError:  # '!!float abc' stays text; the model reports the wrong type
                return value
        raise self._bad_tag(node, path)


_COLON_HERE = "tanda ':' tidak boleh di sini (beri tanda kutip pada teks yang memuat ': ')"

_YAML_WORDS = {
    "did not find expected ',' or ']'": "tidak menemukan ',' atau ']' yang diharapkan",
    "did not find expected ',' or '}'": "tidak menemukan ',' atau '}' yang diharapkan",
    "did not find expected key": "tidak menemukan kunci yang diharapkan (periksa indentasi)",
    "did not find expected '-' indicator": "tidak menemukan tanda '-' yang diharapkan",
    "mapping values are not allowed in this context": _COLON_HERE,
    "mapping values are not allowed here": _COLON_HERE,
    "found character that cannot start any token": "ada karakter yang tidak dapat memulai nilai (mis. tab atau '@')",
    "found unexpected end of stream": "berkas berakhir sebelum waktunya",
    "found undefined alias": "alias tidak terdefinisi",
    "could not find expected ':'": "tidak menemukan ':' yang diharapkan",
    "found a tab character that violates indentation": "karakter tab merusak indentasi; gunakan spasi",
    "expected a single document in the stream": "berkas harus berisi satu dokumen YAML saja",
    "but found another document": "tetapi ada dokumen lain",
    "while parsing a flow sequence": "saat membaca daftar [...]",
    "while parsing a flow mapping": "saat membaca pemetaan {...}",
    "while parsing a block mapping": "saat membaca pemetaan",
    "while parsing a block collection": "saat membaca daftar",
    "while scanning a quoted scalar": "saat membaca teks berkutip",
    "while scanning a simple key": "saat membaca kunci",
    "while scanning an alias": "saat membaca alias",
    "while scanning an anchor": "saat membaca anchor",
}


# Token and construct names inside PyYAML/libyaml messages ("expected <block end>, but found '-'").
_YAML_THINGS = {
    "<document start>": "awal dokumen ('---')", "<stream end>": "akhir berkas", "<stream-end>": "akhir berkas",
    "<block end>": "akhir blok (periksa indentasi)", "<block mapping start>": "awal pemetaan",
    "<block sequence start>": "awal daftar", "<block entry>": "butir daftar '-'", "<scalar>": "teks",
    "<flow mapping start>": "'{'", "<flow sequence start>": "'['", "<flow mapping end>": "'}'",
    "<flow sequence end>": "']'", "<flow entry>": "','", "<key>": "kunci", "<value>": "nilai ':'",
    "<alias>": "alias", "<anchor>": "anchor", "<tag>": "tag", "<document end>": "akhir dokumen ('...')",
    "node content": "isi nilai", "the node content": "isi nilai", "key": "kunci (periksa indentasi)",
    "'-' indicator": "tanda '-'", "comment or line break": "komentar atau baris baru",
    "a comment or a line break": "komentar atau baris baru",
    "alphabetic or numeric character": "huruf atau angka", "whitespace or line break": "spasi atau baris baru",
    "hexdecimal number": "angka heksadesimal", "tag URI": "URI tag", "URI": "URI",
    "directive name": "nama direktif", "a digit": "angka",
    "a block mapping": "pemetaan", "a block collection": "daftar", "a flow sequence": "daftar [...]",
    "a flow mapping": "pemetaan {...}", "a block node": "nilai", "a flow node": "nilai", "a node": "nilai",
    "a plain scalar": "teks", "a quoted scalar": "teks berkutip", "a double-quoted scalar": "teks berkutip",
    "a single-quoted scalar": "teks berkutip", "a block scalar": "teks blok (| atau >)",
    "a simple key": "kunci", "an alias": "alias", "an anchor": "anchor", "a tag": "tag",
    "a directive": "direktif", "for the next token": "token berikutnya", "a mapping": "pemetaan",
    "a document start": "awal dokumen",
}

_YAML_PATTERNS: list[tuple[str, str]] = [
    (r"did not find (?:the )?expected (.+)", "tidak menemukan {0} yang diharapkan"),
    (r"expected (.+?), but (?:found|got) (.+)", "diharapkan {0}, tetapi ditemukan {1}"),
    (r"while (?:parsing|scanning|composing|constructing) (.+)", "saat membaca {0}"),
    (r"found character (.+) that cannot start any token", "ada karakter {0} yang tidak dapat memulai nilai"),
    (r"found unknown escape character(?: (.+))?", "karakter escape tidak dikenal {0}"),
    (r"found undefined alias(?: (.+))?", "alias tidak terdefinisi {0}"),
    (r"found undefined tag handle(?: (.+))?", "penanda tag tidak terdefinisi {0}"),
    (r"found duplicate anchor(?: (.+?))?; first occurrence", "anchor {0} ganda; kemunculan pertama"),
    (r"second occurrence", "kemunculan kedua"),
    (r"found unexpected ':'", "tanda ':' tidak terduga (beri tanda kutip pada teks yang memuat ': ')"),
    (r"block sequence entries are not allowed (?:here|in this context)",
     "butir daftar '-' tidak boleh di sini (periksa indentasi)"),
    (r"mapping keys are not allowed (?:here|in this context)", "kunci pemetaan tidak boleh di sini"),
    (r"found a tab character (?:where an indentation space is expected|that violates? indentation)",
     "karakter tab merusak indentasi; gunakan spasi"),
    (r"found unexpected document separator", "pemisah dokumen '---' tidak terduga"),
    (r"found duplicate (?:%)?YAML directive", "direktif %YAML ganda"),
    (r"found incompatible YAML document.*", "versi dokumen YAML tidak cocok"),
    (r"found invalid Unicode character escape code", "kode escape Unicode tidak sah"),
    (r"found unknown directive name", "nama direktif tidak dikenal"),
    (r"control characters are not allowed", "karakter kendali tidak diizinkan"),
    (r"unacceptable character (.+?): special characters are not allowed",
     "karakter {0} tidak diizinkan"),
]


def _thing(text: str) -> str:
    return _YAML_THINGS.get(text.strip(), text.strip())


def yaml_message_id(text: str) -> str:
    """A PyYAML/libyaml parser message in Bahasa Indonesia: the known messages from the table,
    the others by their pattern with the token names inside translated (``expected <block
    end>, but found '-'`` → ``diharapkan akhir blok (periksa indentasi), tetapi ditemukan '-'``)."""
    text = text.strip()
    if text in _YAML_WORDS:
        return _YAML_WORDS[text]
    for pattern, template in _YAML_PATTERNS:
        m = re.fullmatch(pattern, text, re.DOTALL)
        if m:
            return template.format(*(_thing(g) if g else "" for g in m.groups())).strip()
    return text
