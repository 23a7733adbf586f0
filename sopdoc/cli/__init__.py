"""The command line: a thin adapter over library functions. This package is the only place that
imports click, prints or exits (DESIGN.md's ``cli.py``, split per stage so modules stay small).
Messages are in Bahasa Indonesia by default, English with ``--lang en``.

Each command's help is written in Indonesian; ``_EN_HELP`` holds the English texts, applied when
the language is English.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from sopdoc import __version__
from sopdoc.model.diagnostic import Teks

LANGS = ("id", "en")
F = TypeVar("F", bound=Callable[..., Any])
_EN_HELP: dict[str, str] = {}


def _help(key: str, id_text: str, en_text: str) -> str:
    """Register the English help for ``key`` and return the Indonesian one."""
    _EN_HELP[key] = en_text
    return id_text


def _lang(ctx: click.Context | None) -> str:
    while ctx is not None:
        if ctx.obj and ctx.obj.get("lang"):
            return str(ctx.obj["lang"])
        ctx = ctx.parent
    return "id"


def _set_lang(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value:
        ctx.ensure_object(dict)
        root = ctx.find_root()
        root.ensure_object(dict)
        root.obj["lang"] = value
    return value


lang_option = click.option(
    "--lang", type=click.Choice(LANGS), expose_value=False, is_eager=True, callback=_set_lang,
    help=_help("opt.lang", "Bahasa pesan: id (bawaan) atau en.", "Language of messages: id (default) or en."),
)


_SEVERITIES = ("error", "warning", "info")


def fail_on_option(key: str, default: str | None = None) -> Callable[[F], F]:
    """The ``--fail-on`` threshold shared by the commands that report findings."""
    return click.option(
        "--fail-on", type=click.Choice(_SEVERITIES), default=default, show_default=default is not None,
        help=_help(f"{key}.fail_on", "Tingkat temuan terendah yang membuat kode keluar 1 (bawaan: error).",
                   "Lowest severity of a finding that makes the exit code 1 (default: error)."))


def config_option(key: str, id_text: str = "Berkas konfigurasi (sopdoc.toml/pyproject.toml).",
                  en_text: str = "Configuration file (sopdoc.toml/pyproject.toml).") -> Callable[[F], F]:
    """The ``--config FILE`` option shared by the commands that read settings."""
    return click.option("--config", "config", type=click.Path(dir_okay=False), default=None,
                        help=_help(f"{key}.config", id_text, en_text))


def fail(ctx: click.Context, message: Teks, code: int = 2) -> None:
    """Print a one-line error in the user's language and exit."""
    click.echo(f"{'error' if _lang(ctx) == 'en' else 'galat'}: {message.get(_lang(ctx))}", err=True)
    ctx.exit(code)


class _Interrupted(Exception):
    """Ctrl-C inside a command, carried past click (which would print an extra empty line)."""


# Every command and the module of sopdoc/cli/ that defines it. A command's module is imported only
# when that command runs or its help is shown (``sopdoc --help`` lists them all, so it loads them
# all): ``sopdoc render x.sop.yaml`` is one whole process per SOP and must not pay for the others.
_COMMANDS = {"buku": "buku", "check": "check", "diff": "revisi", "evaluasi": "evaluasi", "import": "importer",
             "info": "check", "katalog": "katalog", "log": "period", "period": "period", "render": "render",
             "rules": "check", "schema": "check", "serve": "serve"}


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as exc:
            raise _Interrupted() from exc

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *(_COMMANDS if self is cli else ())})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if self is cli and cmd_name not in self.commands and cmd_name in _COMMANDS:
            importlib.import_module(f"sopdoc.cli.{_COMMANDS[cmd_name]}")  # registers its commands on `cli`
        command = self.commands.get(cmd_name)
        if self is cli and command is not None and command.__dict__.get("_sopdoc_lang") != _CLICK_LANG[0]:
            _localize(command, _CLICK_LANG[0], cmd_name)  # loaded after main() localised the group
        return command

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[str | None, click.Command | None,
                                                                          list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as exc:  # "did you mean" among every command, loaded or not
            if self is not cli or exc.possibilities:
                raise
            raise click.exceptions.NoSuchCommand(exc.command_name, possibilities=self.list_commands(ctx),
                                                 ctx=ctx) from None


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    help=_help(
        "main",
        "sopdoc: SOP Administrasi Pemerintahan (PermenPAN-RB 35/2012) sebagai data yang dapat "
        "diperiksa, dicetak, dan dijalankan per periode.\n\n"
        "Contoh:\n\n\b\n"
        "  sopdoc check examples/                        periksa semua *.sop.yaml\n"
        "  sopdoc render examples/ --format pdf,docx     cetak lembar SOP dan bagan alir ke out/\n"
        "  sopdoc import lama.pdf -o sop/                impor SOP lama (.txt, .pdf, .docx)\n"
        "  sopdoc info sop.sop.yaml                      waktu baku jalur utama\n"
        "  sopdoc period open sop.sop.yaml --period 2026-TW3\n"
        "  sopdoc schema > sop.schema.json               JSON Schema untuk editor\n\n"
        "Pesan dalam Bahasa Indonesia; --lang en (atau SOPDOC_LANG=en) untuk bahasa Inggris. "
        "Bantuan tiap perintah: sopdoc PERINTAH --help.\n\n"
        "Kode keluar: 0 berhasil; 1 ada temuan atau berkas masukan yang tidak dapat diproses; "
        "2 kesalahan penggunaan, masukan tidak terbaca atau keluaran tidak dapat ditulis; "
        "3 galat internal (jejak lengkap dengan --debug); 130 dihentikan (Ctrl-C).",
        "sopdoc: Indonesian government SOPs (SOP AP, PermenPAN-RB 35/2012) as data you can check, "
        "print and run per period.\n\n"
        "Examples:\n\n\b\n"
        "  sopdoc check examples/                        check every *.sop.yaml\n"
        "  sopdoc render examples/ --format pdf,docx     print the SOP sheet and flowchart into out/\n"
        "  sopdoc import old.pdf -o sop/                 import old SOPs (.txt, .pdf, .docx)\n"
        "  sopdoc info sop.sop.yaml                      standard time along the main path\n"
        "  sopdoc period open sop.sop.yaml --period 2026-TW3\n"
        "  sopdoc schema > sop.schema.json               JSON Schema for editors\n\n"
        "Messages are in Bahasa Indonesia; --lang en (or SOPDOC_LANG=en) for English. "
        "Help on a command: sopdoc COMMAND --help.\n\n"
        "Exit codes: 0 success; 1 findings, or an input file that could not be processed; "
        "2 usage error, unreadable input or an output that cannot be written; "
        "3 internal error (full traceback with --debug); 130 interrupted (Ctrl-C).",
    ),
)
@click.version_option(__version__, "--version", "-V", prog_name="sopdoc", message="%(prog)s %(version)s",
                      help=_help("opt.version", "Tampilkan versi lalu keluar.", "Show the version and exit."))
@lang_option
@click.option("--debug", is_flag=True, expose_value=False, help=_help(
    "opt.debug", "Tampilkan jejak lengkap (traceback) pada galat internal.",
                 "Show the full traceback on an internal error."))
@click.pass_context
def cli(ctx: click.Context) -> None:
    ctx.ensure_object(dict)


# --------------------------------------------------------------------------- entry point

_CLICK_PATTERNS = [
    (r"^No such option:? '?([^'\s]*)'?\.?(.*)$", "opsi tidak dikenal: {0}.{1}"),
    (r"^No such command '([^']*)'\.(.*)$", "perintah tidak dikenal: '{0}'.{1}"),
    (r"^Missing argument '(.*)'\.(.*)$", "argumen wajib tidak ada: '{0}'.{1}"),
    (r"^Missing option '(.*)'\.$", "opsi wajib tidak ada: '{0}'"),
    (r"^Invalid value for (.*?): (.*)$", "nilai tidak valid untuk {0}: {1}"),
    (r"^Got unexpected extra arguments? \((.*)\)$", "argumen berlebih: {0}"),
    (r"^Option '(.*)' requires an argument\.$", "opsi '{0}' memerlukan nilai"),
]
_CLICK_WORDS = [("Did you mean one of:", "Maksud Anda salah satu dari:"), ("Did you mean", "Maksud Anda"),
                ("is not one of", "bukan salah satu dari"),
                ("does not exist", "tidak ada"), ("Path", "Jalur")]


# click's own help texts (gettext messages of click.core/formatting), in Bahasa Indonesia
_CLICK_TEXTS = {"Usage:": "Penggunaan:", "Options": "Opsi", "Commands": "Perintah", "Arguments": "Argumen",
                "Show this message and exit.": "Tampilkan pesan ini lalu keluar.",
                "default: {default}": "bawaan: {default}", "required": "wajib", "env var: {var}":
                "variabel lingkungan: {var}", "(Deprecated)": "(Usang)", "Aborted!": "Dibatalkan!"}
_CLICK_LANG = ["id"]


def _click_gettext(message: str) -> str:
    return _CLICK_TEXTS.get(message, message) if _CLICK_LANG[0] == "id" else message


for _module in (click.core, click.decorators, click.formatting):
    setattr(_module, "_", _click_gettext)  # noqa: B010 - click binds gettext's `_` per module


def _translate_click(message: str) -> str:
    for pattern, template in _CLICK_PATTERNS:
        m = re.match(pattern, message, re.DOTALL)
        if m:
            message = template.format(*m.groups())
            break
    for en, id_ in _CLICK_WORDS:
        message = message.replace(en, id_)
    return message


def _localize(command: click.Command, lang: str, key: str = "main") -> None:
    """Swap each command's and option's help to English when ``lang`` is 'en'."""
    store = command.__dict__.setdefault("_sopdoc_help_id", {"help": command.help})
    command.__dict__["_sopdoc_lang"] = lang
    command.__dict__["_help_option"] = None  # click caches --help with its text in one language
    command.help = _EN_HELP.get(key, store["help"]) if lang == "en" else store["help"]
    for param in command.params:
        if isinstance(param, click.Option):
            saved = param.__dict__.setdefault("_sopdoc_help_id", param.help)
            pkey = f"opt.{param.name}" if param.name == "lang" else f"{key}.{param.name}"
            if key == "main" and param.name in ("lang", "debug", "version"):
                pkey = f"opt.{param.name}"
            param.help = _EN_HELP.get(pkey, saved) if lang == "en" else saved
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            _localize(sub, lang, name if key == "main" else f"{key}.{name}")


def detect_lang(argv: Sequence[str]) -> str:
    """The language asked for by ``--lang`` in ``argv`` or ``SOPDOC_LANG``; 'id' otherwise."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGS:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGS:
            return arg.split("=", 1)[1]
    env = os.environ.get("SOPDOC_LANG", "")
    return env if env in LANGS else "id"


EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 clean, 1 findings, 2 usage error or unreadable input
    or unwritable output, 3 internal error, 130 interrupted). The one exception boundary: nothing
    escapes as a traceback unless ``--debug`` (or ``SOPDOC_DEBUG=1``) asks for it."""
    args = list(sys.argv[1:] if argv is None else argv)
    lang = detect_lang(args)
    debug = "--debug" in args or os.environ.get("SOPDOC_DEBUG", "") not in ("", "0")
    try:
        return _main(args, lang)
    except BaseException as exc:
        if isinstance(exc, SystemExit):
            raise
        return _boundary(exc, lang, debug)


def _boundary(exc: BaseException, lang: str, debug: bool) -> int:
    """Report ``exc`` in one line on stderr (and the traceback with ``--debug``); the exit code."""
    import sqlite3

    from sopdoc.errors import SopdocError, os_reason
    from sopdoc.safe_text import terminal_text

    word = "error" if lang == "en" else "galat"
    code = EXIT_USAGE
    if isinstance(exc, (KeyboardInterrupt, _Interrupted)):
        line, code = ("aborted" if lang == "en" else "dibatalkan"), EXIT_INTERRUPTED
    elif isinstance(exc, SopdocError):
        line = f"{word}: {exc.get(lang)}"
    elif isinstance(exc, MemoryError):
        line = f"{word}: " + Teks("memori tidak cukup; masukan terlalu besar",
                                   "out of memory; the input is too large").get(lang)
        code = EXIT_INTERNAL
    elif isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        line = f"{word}: {where}{os_reason(exc).get(lang)}"
    elif isinstance(exc, sqlite3.DatabaseError):
        line = f"{word}: " + Teks(f"basis data log tidak dapat dipakai: {exc}",
                                  f"the log database cannot be used: {exc}").get(lang)
    elif isinstance(exc, UnicodeDecodeError):  # damaged stored text (e.g. a byte-flipped log database)
        line = f"{word}: " + Teks(f"data rusak, bukan teks UTF-8 ({exc.reason}, posisi {exc.start})",
                                  f"damaged data, not UTF-8 text ({exc.reason}, position {exc.start})").get(lang)
    else:
        name = type(exc).__name__
        line = (f"internal error: {name}: {exc}; run again with --debug" if lang == "en" else
                f"galat internal: {name}: {exc}; jalankan ulang dengan --debug")
        code = EXIT_INTERNAL
    if debug:
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    with contextlib.suppress(OSError, ValueError):
        print(terminal_text(" ".join(line.splitlines())), file=sys.stderr)
    return code


def _main(args: list[str], lang: str) -> int:
    _localize(cli, lang)
    _CLICK_LANG[0] = lang
    try:
        rv: Any = cli.main(args=args, prog_name="sopdoc", standalone_mode=False, obj={"lang": lang})
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.UsageError as exc:
        msg = exc.format_message() if lang == "en" else _translate_click(exc.format_message())
        cmd = exc.ctx.command_path if exc.ctx else "sopdoc"
        tip = f"Try '{cmd} --help'." if lang == "en" else f"Coba '{cmd} --help'."
        click.echo(f"{'error' if lang == 'en' else 'galat'}: {msg}\n{tip}", err=True)
        return 2
    except click.Abort:
        click.echo("dibatalkan" if lang == "id" else "aborted", err=True)
        return 130
    except click.ClickException as exc:
        click.echo(f"{'error' if lang == 'en' else 'galat'}: {exc.format_message()}", err=True)
        return exc.exit_code
    except BrokenPipeError:
        return 0
    return int(rv or 0)


def run() -> None:
    """The whole-process CLI (the console script and ``python -m sopdoc`` start it through
    :func:`sopdoc.process.run`)."""
    code = main()
    # The process ends here. Left enabled, the cyclic collector traverses every object of every
    # loaded module (pydantic, reportlab, ...) while the interpreter shuts down: 25-30 ms of a
    # 200 ms ``sopdoc render x.sop.yaml`` (issue #16). Shutdown still runs atexit handlers,
    # flushes and closes files, and frees objects by reference counting.
    gc.disable()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run()
