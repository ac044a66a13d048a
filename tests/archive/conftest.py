from tests.lifecycle.conftest import at, life  # noqa: F401  (the network's life, shared)
