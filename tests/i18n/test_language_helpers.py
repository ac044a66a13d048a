"""The helpers that name language columns: every language of settings.LANGUAGES, in its order."""

import pytest
from django.conf import settings

from common.languages import (
    localized_fields,
    localized_values,
    required_languages,
    set_translations,
    slug_text,
    translated_values,
    translations,
)
from practices.models import Practice

CODES = [code for code, _name in settings.LANGUAGES]


def test_localized_fields_name_every_language_or_those_asked_for():
    assert localized_fields("title") == [f"title_{code}" for code in CODES]
    assert len(localized_fields("city__name")) == 8
    required = localized_fields("city__name", required_languages())
    assert required == ["city__name_el", "city__name_en"]


def test_translations_write_the_languages_given_localized_values_every_language():
    assert translations("title", {"en": "Title", "lv": "Nosaukums"}) == {
        "title_en": "Title",
        "title_lv": "Nosaukums",
    }
    every = localized_values("title", {"it": "Titolo"})
    assert list(every) == localized_fields("title")
    assert every["title_it"] == "Titolo" and every["title_el"] == ""


def test_set_translations_keeps_other_languages_and_refuses_unknown_ones():
    practice = Practice(title_el="Τίτλος", title_en="Title")
    set_translations(practice, "title", {"en": "New title", "ca": "Títol"})
    assert translated_values(practice, "title", ["el", "en", "ca"]) == {
        "el": "Τίτλος",
        "en": "New title",
        "ca": "Títol",
    }
    with pytest.raises(ValueError, match="xx"):
        set_translations(practice, "title", {"xx": "?"})


def test_a_slug_is_made_from_english_else_the_first_language_written():
    assert slug_text(Practice(title_el="Τίτλος", title_en="Title"), "title") == "Title"
    assert slug_text(Practice(title_el="Τίτλος"), "title") == "Τίτλος"
    assert slug_text(Practice(title_hu="Cím"), "title") == "Cím"
    assert slug_text(Practice(), "title") == ""
