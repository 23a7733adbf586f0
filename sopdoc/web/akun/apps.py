from django.apps import AppConfig


class Config(AppConfig):
    name = "sopdoc.web.akun"
    label = "akun"
    default_auto_field = "django.db.models.BigAutoField"
