"""URL map: one prefix per app; the vendored static files are served by Django itself (three files)."""

from __future__ import annotations

from django.urls import include, path
from django.views.i18n import set_language
from django.views.static import serve

from sopdoc.web.akun import views as akun
from sopdoc.web.settings import WEB_DIR

urlpatterns = [
    path("", akun.beranda, name="beranda"),
    path("akun/", include("sopdoc.web.akun.urls")),
    path("sop/", include("sopdoc.web.sop.urls")),
    path("periode/", include("sopdoc.web.periode.urls")),
    path("inspeksi/", include("sopdoc.web.inspeksi.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("static/<path:path>", serve, {"document_root": WEB_DIR / "static"}),
]
