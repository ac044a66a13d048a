"""Rich text that editors write and public pages render with ``|safe``: cleaned on every save.

An allow-list (nh3, the Rust ``ammonia`` sanitiser): only the tags and attributes below survive;
everything else is dropped, links keep only http, https and mailto targets and open with
``rel="noopener noreferrer"``. ``RICH_TEXT_FIELDS`` names every field that templates trust;
``sanitize_rich_text`` (connected to ``pre_save`` by the operations app) cleans all of their
language columns, so no code path that saves a model can store a script.
"""

import nh3
from django.db import models

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "dd",
        "del",
        "dl",
        "dt",
        "em",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "ins",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "small",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "ol": {"start", "reversed"},
    "q": {"cite"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Dropped together with their content: what is inside them is code or a second document.
DROP_WITH_CONTENT = frozenset(
    {"script", "style", "svg", "math", "iframe", "object", "embed", "template", "noscript"}
)

#: model label -> the text fields that public templates render as HTML.
RICH_TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "news.Article": ("body",),
    "practices.Practice": ("description",),
    "cities.City": ("description",),
    "cities.Network": ("description",),
    "meetings.Meeting": ("agenda",),
}


def sanitize_html(value: str | None) -> str:
    """The HTML with only allow-listed tags, attributes and link targets left."""
    if not value:
        return ""
    return nh3.clean(
        value,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        clean_content_tags=set(DROP_WITH_CONTENT),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def rich_text_columns(model: type[models.Model], field_name: str) -> list[str]:
    """The field's column or, for a translated field, every language's (``body_el`` …)."""
    try:
        from modeltranslation.translator import NotRegistered, translator
    except ImportError:  # pragma: no cover - modeltranslation is a dependency
        return [field_name]
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return [field_name]
    return [field.name for field in options.all_fields.get(field_name, ())]


def sanitize_rich_text(sender, instance, raw=False, **kwargs) -> None:
    """``pre_save`` receiver: clean every rich-text column of the instance being saved.

    ``raw`` saves (fixtures) are cleaned too: a fixture is input like any other.
    """
    fields = RICH_TEXT_FIELDS.get(sender._meta.label)
    if not fields:
        return
    for field_name in fields:
        for column in rich_text_columns(sender, field_name):
            value = getattr(instance, column, None)
            if value:
                setattr(instance, column, sanitize_html(value))
        # The untranslated attribute holds what was last assigned to it; clean that too so
        # that the value written to the base column is never the raw input.
        raw_value = instance.__dict__.get(field_name)
        if isinstance(raw_value, str) and raw_value:
            instance.__dict__[field_name] = sanitize_html(raw_value)
