from django.apps import AppConfig


class Config(AppConfig):
    name = "sopdoc.web.sop"
    label = "sop"
    default_auto_field = "django.db.models.BigAutoField"
