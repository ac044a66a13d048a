# The public site's demo network, shared with tests/public.
from tests.public.conftest import site  # noqa: F401
