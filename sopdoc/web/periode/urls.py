from django.urls import path

from sopdoc.web.periode import views

app_name = "periode"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("buka/", views.buka, name="buka"),
    path("terlambat/", views.terlambat, name="terlambat"),
    path("<str:nama>/", views.lihat, name="lihat"),
    path("<str:nama>/catat/", views.catat, name="catat"),
    path("<str:nama>/laporan.<str:fmt>", views.laporan, name="laporan"),
]
