"""Piraeus lead staff publish a news article in two languages from the admin."""

import re

import feedparser
import pytest
from playwright.sync_api import expect

from news.models import Article
from tests.browser.a11y import assert_accessible
from tests.browser.fixtures import (
    enter_authenticator_code,
    sign_in_with_form,
    totp_secret_of,
    translated,
)

pytestmark = pytest.mark.browser

TITLE_EL = "Η Γκέελ ξεκινά βραδινούς περιπάτους γειτονιάς"
TITLE_EN = "Geel starts evening neighbourhood walks"
BODY_EL = "Κάτοικοι και αστυνομικοί περπατούν μαζί κάθε Πέμπτη βράδυ."
BODY_EN = "Residents and police officers walk together every Thursday evening."


def greek(text: str) -> str:
    return translated(text, "el")


def feed_entries(context, path: str) -> dict[str, str]:
    response = context.request.get(path)
    assert response.ok
    return {entry.title: entry.link for entry in feedparser.parse(response.body()).entries}


def test_lead_staff_publish_an_article_in_greek_and_english(context, page, site, lead_staff):
    page.goto("/admin/news/article/add/")
    sign_in_with_form(page, email=lead_staff.email, password="correct-horse-battery")
    assert_accessible(page)  # the second-factor page
    enter_authenticator_code(page, totp_secret_of(lead_staff))
    expect(page).to_have_url(re.compile(r"/admin/news/article/add/$"))

    # Piraeus staff work in Greek: signing in switched the admin to their preferred language.
    expect(page.locator("html")).to_have_attribute("lang", "el")
    # The translated fields sit in language tabs; the switch shows one language everywhere.
    switch = page.locator("#modeltranslation-main-switch")
    switch.select_option(label="el")
    page.locator("#id_title_el").fill(TITLE_EL)
    page.locator("#id_summary_el").fill("Νέα πρωτοβουλία για την ασφάλεια στους δρόμους.")
    page.locator("#id_body_el").fill(f"<p>{BODY_EL}</p>")
    switch.select_option(label="en")
    page.locator("#id_title_en").fill(TITLE_EN)
    page.locator("#id_summary_en").fill("A new initiative for safer streets.")
    page.locator("#id_body_en").fill(f"<p>{BODY_EN}</p>")
    page.locator("#id_slug").fill("geel-evening-walks")
    page.get_by_role("button", name=greek("Save and continue editing")).click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    # Saved as a draft: nobody outside the admin sees it yet.
    assert context.request.get("/en/news/geel-evening-walks/").status == 404

    page.get_by_label(greek("status"), exact=False).select_option(label=greek("Published"))
    page.get_by_role("button", name=greek("Save"), exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    expect(page.locator("#result_list").get_by_role("link", name=TITLE_EL)).to_be_visible()

    page.goto("/el/news/")
    page.get_by_role("link", name=TITLE_EL).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE_EL)
    expect(page.get_by_text(BODY_EL)).to_be_visible()
    page.goto("/en/news/")
    page.get_by_role("link", name=TITLE_EN).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE_EN)
    expect(page.get_by_text(BODY_EN)).to_be_visible()

    greek_feed = feed_entries(context, "/el/news/feed/")
    english_feed = feed_entries(context, "/en/news/feed/")
    assert greek_feed[TITLE_EL].endswith("/el/news/geel-evening-walks/")
    assert english_feed[TITLE_EN].endswith("/en/news/geel-evening-walks/")
    assert Article.objects.get(slug="geel-evening-walks").author == lead_staff
