"""The sopdoc web application (issue 17): a Django project over the same engine and the same store.

Apps: ``akun`` (users, units, roles, audit trail, login), ``sop`` (authoring: editor, preview,
import, versions, lifecycle), ``periode`` (clerks: periods and log entries through the store),
``inspeksi`` (the read-only dashboard). ``sopdoc serve`` (cli) starts it through :mod:`sopdoc.web.serve`.
"""
