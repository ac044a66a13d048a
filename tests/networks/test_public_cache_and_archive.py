"""The anonymous page cache keeps each host's pages apart, and the static archive of a network
holds that network's site only, at its own address; both ways round."""

import pytest
from django.utils import timezone

from archive import builder, publish
from cities.models import Network, NetworkClosure
from tests.networks import public_sites

pytestmark = pytest.mark.django_db

# The two sites' fixtures (tests/networks/public_sites.py).
sites, pair = public_sites.sites, public_sites.pair

CACHED = ("/en/", "/en/news/launch/", "/en/cities/geel/", "/en/news/feed/", "/en/meetings/")


def test_a_cached_page_of_one_host_is_never_served_on_the_other(client, pair, settings):
    here, there = pair
    assert settings.PAGE_CACHE_ENABLED
    for path in CACHED:
        first = client.get(path, **there.host)
        assert first["X-Page-Cache"] == "miss", path
        assert client.get(path, **there.host)["X-Page-Cache"] == "hit", path
        # The other host's copy is in the cache: this host renders and stores its own.
        mine = client.get(path, **here.host)
        assert mine["X-Page-Cache"] == "miss", path
        again = client.get(path, **here.host)
        assert again["X-Page-Cache"] == "hit", path
        shown = again.content.decode()
        assert here.word in shown and there.word not in shown, path


@pytest.fixture
def no_pagefind(monkeypatch):
    """The archive's offline search is tested with the demo build (tests/archive); here only
    what the crawl writes matters."""
    monkeypatch.setattr(publish, "run_pagefind", lambda root: "")


def test_the_archive_of_a_network_is_its_own_site_at_its_own_address(pair, tmp_path, no_pagefind):
    here, there = pair
    NetworkClosure.objects.create(network=here.network, closed_at=timezone.now())
    network = Network.objects.with_address().get(pk=here.network.pk)
    assert network.is_closed
    built = builder.build(network=network, output=tmp_path / "archive", languages=("en",))
    assert not built.failures
    written = {
        path.relative_to(built.folder).as_posix(): path.read_text(encoding="utf-8")
        for path in built.folder.rglob("*")
        if path.is_file() and path.suffix in (".html", ".xml", ".txt", ".jsonld", ".ics", "")
    }
    pages = "\n".join(written.values())
    for name in here.names:
        assert name in pages, name
    assert there.word not in pages
    assert there.address not in pages
    sitemap = written["sitemap.xml"]
    assert f"<loc>{here.address}/en/news/launch/</loc>" in sitemap
    assert f"Sitemap: {here.address}/sitemap.xml" in written["robots.txt"]
    assert f"en/cities/{here.solo_city.slug}/index.html" in written
    assert f"en/cities/{there.solo_city.slug}/index.html" not in written
