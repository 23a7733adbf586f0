"""The WSGI application for a production server: ``gunicorn sopdoc.web.wsgi`` (docs/DEPLOY.md)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sopdoc.web.settings")
application = get_wsgi_application()
