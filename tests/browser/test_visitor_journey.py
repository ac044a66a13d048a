"""A resident reads news in Greek, switches to English, and takes a meeting to their calendar."""

import re

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_visitor_reads_an_article_in_greek_then_english_and_downloads_a_meeting(
    new_context, site, screenshot
):
    page = new_context(locale="el-GR").new_page()

    page.goto("/")
    expect(page).to_have_url(re.compile(r"/el/$"))
    expect(page.locator("html")).to_have_attribute("lang", "el")

    page.get_by_role("navigation", name="Κύρια").get_by_role("link", name="Νέα").click()
    page.get_by_role("link", name=site.article.title_el).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(site.article.title_el)
    expect(page.get_by_text("Συναντήσεις σε κάθε γειτονιά της πόλης.")).to_be_visible()
    screenshot(page, "greek-article")

    page.get_by_role("navigation", name="Γλώσσα").get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(rf"/en/news/{site.article.slug}/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(site.article.title_en)
    expect(page.get_by_text("Meetings in every neighbourhood of the city.")).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Meetings").click()
    page.get_by_role("link", name=site.meeting.title_en).click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    download = download_info.value

    assert download.suggested_filename == f"{site.meeting.slug}.ics"
    with open(download.path(), "rb") as calendar_file:
        events = list(Calendar.from_ical(calendar_file.read()).walk("VEVENT"))
    assert [str(event["SUMMARY"]) for event in events] == [site.meeting.title_en]
    assert events[0].decoded("DTSTART") == site.meeting.start
    assert str(events[0]["LOCATION"]).startswith("Naples City Hall")
