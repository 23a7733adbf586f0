from django.urls import path

import sopdoc.web.akun.converters  # noqa: F401  (registers the <id:…> converter)
from sopdoc.web.akun import views

app_name = "akun"
urlpatterns = [
    path("masuk/", views.masuk, name="masuk"),
    path("keluar/", views.keluar, name="keluar"),
    path("pengguna/", views.pengguna, name="pengguna"),
    path("pengguna/<id:pk>/", views.pengguna_ubah, name="pengguna_ubah"),
    path("audit/", views.jejak_audit, name="audit"),
    path("sandi/", views.sandi, name="sandi"),
]
