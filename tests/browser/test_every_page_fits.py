"""Every page a visitor, a coordinator and lead staff reach on the demo, in all eight languages,
fits a phone (390 px) and a desktop (1280 px) with no sideways scrolling of the page; on the
workspace's step list and the network matrix, status, progress and dates never overlap.

One browser and one page per reader; each page is opened at 390 px, measured, then measured again
at 1280 px (resizing lays the page out again without a reload). Every page is opened in all eight
languages; the pages where the width is decided (long tables, matrices, forms, the step list) are
measured at 320 and 1920 px as well.
"""

import time

import pytest
from django.conf import settings

from tests.browser.crawl import COORDINATOR, LEAD, demo_pages, in_language

pytestmark = pytest.mark.browser

LANGUAGES = [code for code, _name in settings.LANGUAGES]
PHONE, DESKTOP = 390, 1280
SMALLEST, WIDEST = 320, 1920  # measured too: resizing costs far less than opening a page
#: Measured at the smallest and widest screens too: wide tables, matrices, long forms and lists.
EVERY_WIDTH = {
    "portal:home",
    "portal:progress",
    "network:about",
    "outputs:results",
    "outputs:list",
    "registrations:register",
    ":account_login",
    "workspace:home",
    "workspace:network",
    "workspace:step_detail",
    "workspace:step_edit",
    "ulg:register",
    "workspace_indicators:list",
    "workspace_indicators:detail",
    "reports:index",
    "reports:city_report",
}


def widths_for(kind: str) -> tuple[int, ...]:
    if kind in EVERY_WIDTH:
        return (PHONE, SMALLEST, DESKTOP, WIDEST)
    return (PHONE, DESKTOP)


#: Pairs of leaf boxes of one table row that intersect (neither inside the other).
OVERLAPS = """([rows, leaves]) => {
  const found = [];
  const visible = (r) => r.width > 0 && r.height > 0;
  for (const row of document.querySelectorAll(rows)) {
    const items = [...row.querySelectorAll(leaves)];
    for (const cell of row.querySelectorAll(':scope > td')) {
      if (!cell.children.length && cell.textContent.trim()) items.push(cell);
    }
    const boxes = items.map((el) => {
      if (el.children.length || el.tagName === 'PROGRESS') return el.getBoundingClientRect();
      const range = document.createRange(); range.selectNodeContents(el);
      return range.getBoundingClientRect();
    });
    for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      if (items[i].contains(items[j]) || items[j].contains(items[i])) continue;
      if (!visible(a) || !visible(b)) continue;
      const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      const text = (el) => el.textContent.trim();
      if (x > 1 && y > 1) found.push(`${text(items[i])} / ${text(items[j])}`);
    }
  }
  return found.slice(0, 5);
}"""
STEP_ROWS = [".steps-table tbody tr", ".badge, .progress-cell, time, .step-changed"]
MATRIX_ROWS = [".matrix tbody tr", "td progress, td strong, td .small, td .badge, th a"]


def serve_static(route):
    from django.contrib.staticfiles import finders

    name = route.request.url.split(settings.STATIC_URL, 1)[1].split("?")[0]
    found = finders.find(name)
    if found:
        route.fulfill(path=found)
    else:
        route.continue_()


def open_as(browser, live_server, client_for, email):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": PHONE, "height": 900}, locale="en-GB"
    )
    context.set_default_timeout(15_000)
    # The stylesheet and icons come straight from disk: the live server renders pages only.
    context.route(f"{live_server.url}{settings.STATIC_URL}**", serve_static)
    if email:
        cookie = client_for(email).cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url, "httpOnly": True}]
        )
    return context, context.new_page()


def too_wide(page, width: int) -> int | None:
    page.set_viewport_size({"width": width, "height": 900})
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    return scroll_width if scroll_width > width else None


def test_every_page_fits_the_screen_in_every_language(
    browser, live_server, client_for, demo_site, record_property
):
    started = time.monotonic()
    pages = demo_pages(client_for)
    discovered = time.monotonic() - started
    kinds = {kind for _email, kind, _path in pages}
    # The crawl reached every part of the portal, not only the home page.
    for expected in (
        "portal:home",
        "practices:detail",
        "cities:detail",
        "registrations:register",
        ":account_login",
        "workspace:home",
        "workspace:step_detail",
        "workspace:network",
        "ulg:register",
        "reports:city_report",
        "workspace_indicators:detail",
    ):
        assert expected in kinds, sorted(kinds)

    wide, opened = [], 0
    for reader in (None, COORDINATOR, LEAD):
        context, page = open_as(browser, live_server, client_for, reader)
        mine = [(kind, path) for email, kind, path in pages if email == reader]
        for kind, path in mine:
            for language in LANGUAGES:
                address = in_language(path, language)
                page.set_viewport_size({"width": PHONE, "height": 900})
                response = page.goto(address)
                opened += 1
                assert response.ok, f"{address} answered {response.status}"
                for width in widths_for(kind):
                    if scroll_width := too_wide(page, width):
                        wide.append(
                            f"{address} ({kind}, {reader or 'visitor'}): "
                            f"{scroll_width} px wide at {width} px"
                        )
        context.close()

    elapsed = time.monotonic() - started
    record_property("pages_opened", opened)
    record_property("seconds", round(elapsed))
    print(
        f"\n{len(pages)} kinds of page, {opened} pages opened, each measured at "
        f"{PHONE} and {DESKTOP} px (the widest kinds at {SMALLEST} and {WIDEST} too): "
        f"{elapsed:.0f} s (finding them: {discovered:.0f} s)"
    )
    assert wide == [], "\n".join(wide)


def test_status_progress_and_dates_never_overlap(browser, live_server, client_for, demo_site):
    """The issue's overlaps, from 320 to 1920 px: the step list of a coordinator and of lead staff,
    the lead's matrix; each transfer's unfinished count printed once; the public matrix scrolls in
    its own box with the city names kept in view."""
    for email, path, rows in (
        (COORDINATOR, "/lv/workspace/", STEP_ROWS),
        (LEAD, "/el/workspace/", STEP_ROWS),
        (LEAD, "/hu/workspace/network/", MATRIX_ROWS),
    ):
        context, page = open_as(browser, live_server, client_for, email)
        page.goto(path)
        assert page.locator(rows[0]).count() > 0, path
        for width in (320, PHONE, 768, DESKTOP, 1920):
            page.set_viewport_size({"width": width, "height": 900})
            assert page.evaluate(OVERLAPS, rows) == [], f"{path} at {width} px"
            assert too_wide(page, width) is None, f"{path} at {width} px"
        context.close()

    context, page = open_as(browser, live_server, client_for, COORDINATOR)
    page.goto("/en/workspace/")
    summaries = page.locator(".transfer-card .transfer-summary")
    assert summaries.count() > 0
    for summary in summaries.all():
        assert summary.get_by_text("not completed when the network ended").count() == 1
    context.close()

    context, page = open_as(browser, live_server, client_for, None)
    page.goto("/el/progress/")
    box = page.locator(".table-scroll:has(table.matrix)")
    assert box.evaluate("el => el.scrollWidth > el.clientWidth"), "the matrix should scroll"
    assert box.evaluate("el => getComputedStyle(el).overflowX") == "auto"
    first = page.locator("table.matrix tbody th").first
    assert first.evaluate("el => getComputedStyle(el).position") == "sticky"
    # Scrolled to its end, the matrix still shows the city names where they were, and its last
    # column (all practices) comes into the box.
    left = first.bounding_box()["x"]
    box.evaluate("el => el.scrollTo(el.scrollWidth, 0)")
    assert abs(first.bounding_box()["x"] - left) < 1
    last = page.locator("table.matrix thead th").last.bounding_box()
    assert last["x"] + last["width"] <= PHONE + 1
    context.close()
