# The public site's demo data (two partners, news in every state, meetings), shared with the
# journeys and the accessibility scan.
from tests.public.conftest import site  # noqa: F401
