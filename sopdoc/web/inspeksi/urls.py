from django.urls import path

from sopdoc.web.inspeksi import views

app_name = "inspeksi"
urlpatterns = [
    path("", views.dasbor, name="dasbor"),
    path("ekspor/<str:what>.csv", views.ekspor, name="ekspor"),
    path("ekspor/<str:what>.<str:fmt>", views.ekspor, name="ekspor_as"),
]
