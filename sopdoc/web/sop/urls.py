from django.urls import path

from sopdoc.web.sop import views

app_name = "sop"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("baru/", views.baru, name="baru"),
    path("unggah/", views.unggah, name="unggah"),
    path("<int:pk>/", views.lihat, name="lihat"),
    path("<int:pk>/ubah/", views.ubah, name="ubah"),
    path("<int:pk>/pratinjau/", views.pratinjau, name="pratinjau"),
    path("<int:pk>/versi/<int:nomor>/", views.versi, name="versi"),
    path("<int:pk>/unduh.<str:fmt>", views.unduh, name="unduh"),
    path("<int:pk>/transisi/<str:nama>/", views.transisi, name="transisi"),
]
