from django.apps import AppConfig


class Config(AppConfig):
    name = "sopdoc.web.periode"
    label = "periode"
    default_auto_field = "django.db.models.BigAutoField"
