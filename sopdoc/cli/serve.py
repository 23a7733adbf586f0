"""``sopdoc serve``: the web application (sopdoc.web, Django) on the CLI's database."""

from __future__ import annotations

import click

from sopdoc.cli import _help, _lang, cli, fail, lang_option
from sopdoc.model.diagnostic import Teks


@cli.command("serve", help=_help(
    "serve", "Jalankan aplikasi web sopdoc (server pengembangan Django) pada basis data yang sama dengan CLI.\n\n"
    "Mula pertama basis data dibuat dan dimigrasi. --buat-admin NAMA membuat administrator pertama dan "
    "mencetak kata sandi sekali pakai. Produksi: gunicorn (docs/DEPLOY.md).",
    "Run the sopdoc web application (Django's development server) on the same database as the CLI.\n\n"
    "The database is created and migrated on first start. --buat-admin NAME creates the first administrator "
    "and prints a one-time password. Production: gunicorn (docs/DEPLOY.md)."))
@click.option("--host", default="127.0.0.1", show_default=True,
              help=_help("serve.host", "Alamat yang didengarkan.", "Address to listen on."))
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help=_help("serve.port", "Port.", "Port."))
@click.option("--db", default="sopdoc.db", envvar="SOPDOC_DB", show_default=True, help=_help(
    "serve.db", "Basis data (berkas SQLite seperti --db CLI, atau postgresql://…; SOPDOC_DB).",
    "Database (an SQLite file like the CLI's --db, or postgresql://…; SOPDOC_DB)."))
@click.option("--buat-admin", "admin", default=None, metavar="NAMA", help=_help(
    "serve.admin", "Buat administrator ini, cetak kata sandi sekali pakai, lalu keluar.",
    "Create this administrator, print a one-time password, then exit."))
@lang_option
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, db: str, admin: str | None) -> None:
    from sopdoc.errors import SopdocError

    en = _lang(ctx) == "en"
    try:
        from sopdoc.web import serve as web
    except ImportError as exc:  # Django is the [web] extra
        fail(ctx, Teks(f"aplikasi web memerlukan Django: pip install 'sopdoc[web]' ({exc})",
                       f"the web application needs Django: pip install 'sopdoc[web]' ({exc})"))
        return
    try:
        web.setup(db, http=True, hosts=f"{host},127.0.0.1,localhost")
        web.migrate()
        if admin is not None:
            password = web.create_admin(admin)
            click.echo(f"{'administrator created' if en else 'administrator dibuat'}: {admin}")
            click.echo(f"{'one-time password' if en else 'kata sandi sekali pakai'}: {password}")
            return
    except SopdocError as exc:
        fail(ctx, exc.teks)
        return
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(("warning: the development server speaks plain HTTP; for production use gunicorn behind TLS "
                    "(docs/DEPLOY.md)") if en else
                   ("peringatan: server pengembangan memakai HTTP biasa; untuk produksi pakai gunicorn di balik TLS "
                    "(docs/DEPLOY.md)"), err=True)
    click.echo(f"sopdoc web: http://{host}:{port}/  ({'database' if en else 'basis data'}: {db})")
    web.run(host, port)
