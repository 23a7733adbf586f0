from django.apps import AppConfig


class Config(AppConfig):
    name = "sopdoc.web.inspeksi"
    label = "inspeksi"
    default_auto_field = "django.db.models.BigAutoField"
