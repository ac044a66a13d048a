"""`make profile` runs one benchmarked page under pyinstrument and writes where its time goes."""

import pytest
from django.core.management import call_command

from bench.data import build
from bench.profiling import layer_of


@pytest.mark.django_db
def test_the_profile_command_writes_the_call_tree_and_names_the_view(tmp_path, settings):
    settings.PAGE_CACHE_ENABLED = False
    build(scale=1)

    call_command(
        "bench_profile", "--page=network overview", "--requests=2", f"--output-dir={tmp_path}"
    )

    html = tmp_path / "profile-network-overview.html"
    text = (tmp_path / "profile-network-overview.txt").read_text()
    assert html.exists() and html.stat().st_size > 1000
    assert "View:     workspace.views" in text
    for layer in ("queries", "template", "view", "middleware", "other"):
        assert f"  {layer} " in text
    assert " queries" in text.splitlines()[4]


def test_a_sample_is_put_in_the_layer_of_the_innermost_cost():
    handler = ("/x/django/core/handlers/base.py", "get_response")
    view = ("/x/django/core/handlers/base.py", "_get_response")
    template = ("/x/django/template/base.py", "render")
    driver = ("/x/psycopg/cursor.py", "execute")

    assert layer_of([handler, view, template, driver]) == "queries"
    assert layer_of([handler, view, template]) == "template"
    assert layer_of([handler, view, ("/app/workspace/selectors.py", "rows")]) == "view"
    assert layer_of([handler, ("/app/common/requests.py", "__call__")]) == "middleware"
    assert layer_of([("/x/django/test/client.py", "request")]) == "other"
