from django.urls import path

import sopdoc.web.akun.converters  # noqa: F401  (registers the <id:…> converter)
from sopdoc.web.sop import views

app_name = "sop"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("baru/", views.baru, name="baru"),
    path("unggah/", views.unggah, name="unggah"),
    path("<id:pk>/", views.lihat, name="lihat"),
    path("<id:pk>/ubah/", views.ubah, name="ubah"),
    path("<id:pk>/pratinjau/", views.pratinjau, name="pratinjau"),
    path("<id:pk>/versi/<id:nomor>/", views.versi, name="versi"),
    path("<id:pk>/unduh.<str:fmt>", views.unduh, name="unduh"),
    path("<id:pk>/transisi/<str:nama>/", views.transisi, name="transisi"),
]
