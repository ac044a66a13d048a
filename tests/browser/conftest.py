import pytest

from tests.factories import NetworkFactory

# The public site's demo data (two partners, news in every state, meetings), shared with the
# journeys and the accessibility scan.
from tests.public.conftest import site  # noqa: F401


@pytest.fixture
def network(db):
    """A network named like the real one, so the screenshots read like the portal."""
    return NetworkFactory(
        name="CITISENSE",
        slug="citisense",
        tagline_el="Πόλεις που μαθαίνουν η μία από την άλλη να νιώθουν ασφαλείς.",
        tagline_en="Cities learning from each other how to feel safe.",
    )
