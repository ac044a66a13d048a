"""Search ignores accents and case in every language, folded the same way on both databases:
Greek, Latvian, Hungarian and Catalan words typed without accents or in capitals find what the
accented word finds (on PostgreSQL here; test_sqlite_default checks the embedded SQLite)."""

import pytest
from django.db.models import Value

from common.search import Folded, normalise
from news.models import Article
from tests.factories import ArticleFactory

from .folding_words import WORDS
from .test_search import result_links

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", sorted(WORDS))
def test_words_without_accents_or_in_capitals_find_the_accented_title(client, site, language):
    title, words = WORDS[language]
    article = ArticleFactory(slug=f"folding-{language}", **{f"title_{language}": title})
    link = f"/{language}/news/{article.slug}/"
    for typed in words:
        found = {word: result_links(client, language, word) for word in typed}
        assert link in found[typed[0]], found
        assert len({tuple(links) for links in found.values()}) == 1, found


def test_postgresql_folds_as_python_does():
    words = [word for _title, typed in WORDS.values() for triple in typed for word in triple]
    words += [title for title, _typed in WORDS.values()] + ["ΓΕΙΤΟΝΙΈΣ", "Ķīpsala", "ŐSZI ÜNNEP"]
    article = ArticleFactory()
    for word in words:
        folded = (
            Article.objects.filter(pk=article.pk)
            .annotate(folded=Folded(Value(word)))
            .values_list("folded", flat=True)
            .get()
        )
        assert folded == normalise(word), word
