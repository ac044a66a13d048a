"""Jinja2, for the templates whose cost is the template engine's own (docs/architecture.md,
"Which engine"): long lists of rows, and form widgets.

Django's engine pays for every node at render time (a variable lookup tries ``row[name]``, then
an attribute, then an index; a tag is an object with its own ``render``); Jinja2 compiles a
template to Python once, so a row of a long table costs a tenth. Pages, their frame and
everything else stay Django templates; a list's template is written in Jinja2 wherever it is
shown, and included from a Django page with ``{% load jinja %}{% jinja_include … %}``.

Translation: the templates say ``{{ _("Overdue") }}`` — a constant, which ``makemessages``
extracts as it extracts the same form from Django templates. Sentences with values, plurals or
contexts are made in Python (``gettext``, ``ngettext``, ``pgettext``) and handed to the template
as text, so one extractor finds every string.
"""

from django.forms.renderers import BaseRenderer, DjangoTemplates
from django.template import TemplateDoesNotExist, engines
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from jinja2 import Environment

ENGINE = "jinja2"


def _url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options) -> Environment:
    """The engine's environment (TEMPLATES' ``OPTIONS["environment"]``)."""
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    # Django's catalogues and active language, as Django's templates use them.
    env.install_gettext_callables(
        gettext=translation.gettext, ngettext=translation.ngettext, newstyle=False
    )
    env.globals.update(static=static, url=_url)
    return env


def get_template(name: str):
    return engines[ENGINE].get_template(name)


class _Words(dict):
    """One language's translations of the templates' constants, each looked up once per
    process: Django's ``gettext`` costs microseconds a call (it finds the active language
    first), and a page of tables says "Status" a few hundred times."""

    def __missing__(self, message: str) -> str:
        # Only ever called while this dictionary's language is the active one.
        self[message] = text = translation.gettext(message)
        return text


_WORDS: dict[str, _Words] = {}


def render_to_string(name: str, context: dict) -> str:
    """A Jinja2 template with exactly ``context`` (no request, no context processors): a list
    is given what it shows. Its ``_()`` reads the active language's words (``_Words``)."""
    words = _WORDS.setdefault(translation.get_language(), _Words())
    lookup = words.__getitem__
    return get_template(name).template.render({**context, "_": lookup, "gettext": lookup})


class FormRenderer(BaseRenderer):
    """Form widgets, error lists and layouts by Jinja2 (Django's own Jinja2 versions of its
    form templates, and the project's widgets); a template with no Jinja2 version (the
    admin's, a library's) as Django's default renderer finds it."""

    def __init__(self) -> None:
        self.fallback = DjangoTemplates()

    def get_template(self, template_name: str):
        try:
            return get_template(template_name)
        except TemplateDoesNotExist:
            return self.fallback.get_template(template_name)
