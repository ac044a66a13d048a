"""Moving through a page with the keyboard alone, and seeing where the focus is."""

# Read after two animation frames: a date field moves the focus between its day, month and
# year a moment after the key press.
FOCUSED = """async () => {
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const label = element.labels && element.labels.length ? element.labels[0].innerText.trim() : "";
  return {
    tag: element.tagName.toLowerCase(),
    name: element.getAttribute("name") || "",
    label: label || element.innerText.trim() || element.getAttribute("aria-label") || "",
    ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== "none",
    // The focus is inside the browser's own part of the control (a date field's calendar
    // button): the page cannot style it, and Chromium draws its own ring there.
    inside_control: !element.matches(":focus"),
  };
}"""


def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def tab_until(page, name: str, *, limit: int = 40) -> list[dict]:
    """Presses Tab until the form field called `name` has the focus; returns every stop on the
    way. Each stop must show where the focus is (WCAG 2.4.7)."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = focused(page)
        stops.append(stop)
        assert stop["ring"] or stop["shadow"] or stop["inside_control"], f"focus unseen: {stop}"
        if stop["name"] == name:
            return stops
    raise AssertionError(f"{limit} presses of Tab never reached {name!r}: {stops}")
