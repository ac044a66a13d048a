"""`make run` serves the public site and the workspace from the embedded SQLite database too."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SMOKE = """
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("seed_demo", verbosity=0)
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
paths = ["/el/", "/en/", "/el/news/", "/en/practices/", "/el/cities/naples/", "/en/meetings/",
         "/el/progress/", "/en/progress/progress.json", "/sitemap.xml", "/en/news/feed/",
         "/en/meetings/calendar.ics"]
status = {path: client.get(path).status_code for path in paths}
found = {}
for language, query in [("el", "Πειραιά"), ("el", "πειραιά"), ("en", "SAFETY"),
                        ("el", "ασφάλεια"), ("el", "ασφαλεια"), ("el", "ΑΣΦΑΛΕΙΑ"),
                        ("el", "πειραιας"), ("el", "γειτονια")]:
    body = client.get(f"/{language}/search/", {"q": query}).content.decode()
    found[query] = body.count('class="list-item"')
# Latvian, Hungarian and Catalan words typed without accents and in capitals.
from tests.public.folding_words import WORDS
from tests.factories import ArticleFactory
folding = {}
for language, (title, words) in WORDS.items():
    article = ArticleFactory(slug=f"folding-{language}", **{f"title_{language}": title})
    for typed in words:
        for word in typed:
            body = client.get(f"/{language}/search/", {"q": word}).content.decode()
            folding[f"{language}:{word}"] = f"/{language}/news/{article.slug}/" in body
# The signed-in workspace too, as a lead expert (who follows the whole network).
from accounts.models import User
from cities.models import City, Membership
expert = User.objects.create_user(email="expert@example.org", password=None)
Membership.objects.create(user=expert, city=City.objects.order_by("order").first(),
                          role=Membership.Role.LEAD_EXPERT)
client.force_login(expert)
for path in ["/en/workspace/", "/en/workspace/?sort=due_date", "/en/workspace/network/",
             "/en/workspace/network/changes/", "/en/workspace/network/changes/?page=2"]:
    status[path] = client.get(path).status_code
print(json.dumps({"status": status, "found": found, "folding": folding}))
"""


def test_public_pages_search_and_workspace_work_on_sqlite(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        {
            "DJANGO_DEBUG": "1",
            "DJANGO_SETTINGS_MODULE": "citisense.settings",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        }
    )
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", SMOKE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(outcome["status"].values()) == {200}, outcome["status"]
    # Case- and accent-insensitive as on PostgreSQL (common.search.normalise on both).
    assert outcome["found"]["Πειραιά"] == outcome["found"]["πειραιά"] > 0
    assert outcome["found"]["SAFETY"] > 0
    greek = ("ασφάλεια", "ασφαλεια", "ΑΣΦΑΛΕΙΑ")
    assert len({outcome["found"][word] for word in greek}) == 1
    assert outcome["found"]["ασφάλεια"] > 0
    assert outcome["found"]["πειραιας"] > 0 and outcome["found"]["γειτονια"] > 0
    missed = [word for word, hit in outcome["folding"].items() if not hit]
    assert outcome["folding"] and not missed, missed
