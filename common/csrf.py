"""Django's CSRF middleware, reading the trusted origins on each check.

Django keeps ``CSRF_TRUSTED_ORIGINS`` for the life of the process; ours follows the networks'
host names (``common.hosts.HostList``), so a network added in the admin is trusted at once.
The lists are read only for an unsafe request whose origin is not its own host.
"""

from django.middleware import csrf


class CsrfViewMiddleware(csrf.CsrfViewMiddleware):
    csrf_trusted_origins_hosts = property(csrf.CsrfViewMiddleware.csrf_trusted_origins_hosts.func)
    allowed_origins_exact = property(csrf.CsrfViewMiddleware.allowed_origins_exact.func)
    allowed_origin_subdomains = property(csrf.CsrfViewMiddleware.allowed_origin_subdomains.func)
