"""The intake tests' fixtures; the site itself lives in intake_site.py, which
the tests import by that name (a bare `conftest` import picks whichever test
folder's conftest was loaded first)."""

from intake_site import own_config, site, tls, web  # noqa: F401  (fixtures)
