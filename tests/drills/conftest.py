import tempfile
from pathlib import Path

import pytest

from .servers import PostgresCluster, RedisServer


@pytest.fixture
def own_redis(tmp_path):
    """A Redis of this test's own, which the test may kill."""
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.kill()


@pytest.fixture
def own_postgres():
    """A PostgreSQL cluster of this test's own, which the test may stop and start.

    Its folder is outside pytest's (owner-only) temporary folders: the server runs as postgres.
    """
    cluster = PostgresCluster(Path(tempfile.mkdtemp(prefix="citisense-drill-pg-")))
    cluster.init()
    cluster.start()
    yield cluster
    cluster.destroy()
