"""Both networks filled with workspace data (``world.build``), pages read in English."""

import pytest
from django.utils import translation

from tests.networks.workspace.world import build


@pytest.fixture(autouse=True)
def english():
    """Pages in English (``reverse`` gives /en/ paths), so names are read in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def a(network_a):
    return build(network_a, "A")


@pytest.fixture
def b(network_b):
    return build(network_b, "B")
