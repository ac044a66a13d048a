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
def own_postgres(tmp_path_factory):
    """A PostgreSQL cluster of this test's own, which the test may stop and start."""
    cluster = PostgresCluster(tmp_path_factory.mktemp("pg", numbered=True) / "cluster")
    cluster.init()
    cluster.start()
    yield cluster
    cluster.destroy()
