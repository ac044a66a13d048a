"""Jinja2 for long lists and form widgets (common/jinja.py): its strings reach the catalogues,
its lists render escaped in the page's language inside Django pages, and forms still render
where no Jinja2 template exists (the admin's widgets)."""

from pathlib import Path

import polib
import pytest
from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.forms.renderers import get_default_renderer
from django.template import Context, Template
from django.utils import translation

from common.jinja import FormRenderer
from common.management.commands.makemessages import CONSTANT_CALL, jinja_calls

ROOT = Path(__file__).resolve().parents[2]
JINJA_TEMPLATES = sorted(
    path
    for path in ROOT.glob("*/jinja2/**/*.html")
    if ".venv" not in path.parts and "node_modules" not in path.parts
)


def test_the_extractor_turns_each_constant_into_a_gettext_call_on_its_own_line():
    source = (
        '<th>{{ _("Step") }}</th>\n'
        "{%- set a, b = _(\"City\"), _('It\\'s late') %}\n"
        "{{ row['title'] }}\n"
    )
    assert jinja_calls(source).split("\n") == [
        'gettext("Step")',
        "gettext(\"City\") gettext('It\\'s late')",
        "",
    ]


@pytest.mark.parametrize("path", JINJA_TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_string_of_a_jinja_template_is_translated_in_greek(path):
    greek = polib.pofile(str(ROOT / "locale" / "el" / "LC_MESSAGES" / "django.po"))
    translated = {entry.msgid for entry in greek if entry.translated()}
    strings = [literal[1:-1] for literal in CONSTANT_CALL.findall(path.read_text())]
    assert [text for text in strings if text not in translated] == []


def test_the_project_has_jinja_templates_to_check():
    names = {path.name for path in JINJA_TEMPLATES}
    assert {"_steps_table.html", "_network_matrix.html", "_progress_table.html"} <= names


def test_a_jinja_list_in_a_django_page_is_escaped_and_in_the_page_language():
    page = Template(
        '{% load jinja %}<main>{% jinja_include "workspace/_steps_table.html" steps=steps %}</main>'
    )
    step = {
        "url": "/el/workspace/steps/1/",
        "title": "<script>alert(1)</script>",
        "status": "planned",
        "status_label": "Σχεδιασμένο",
        "is_overdue": True,
        "is_unfinished_at_end": False,
        "progress_text": "40",
        "due_iso": "2026-05-01",
        "due_text": "1/5/2026",
        "changed_text": "",
    }
    with translation.override("el"):
        html = page.render(Context({"steps": [step]}))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html
    assert '<th scope="col">Βήμα</th>' in html  # "Step" in Greek
    assert '<span class="badge overdue">Εκπρόθεσμο</span>' in html
    assert html.startswith("<main>") and html.endswith("</main>")


class _Form(forms.Form):
    city = forms.ChoiceField(choices=[("", "—"), ("geel", "Geel & Co")])
    when = forms.SplitDateTimeField(widget=AdminSplitDateTime)


def test_form_widgets_render_with_jinja_and_admin_widgets_without():
    assert isinstance(get_default_renderer(), FormRenderer)
    form = _Form(data={"city": "geel"}, renderer=FormRenderer())
    select = str(form["city"])
    assert '<option value="geel" selected>Geel &amp; Co</option>' in select
    # The admin's widget has no Jinja2 template: Django's renderer finds it.
    assert 'class="datetime"' in str(form["when"])
    assert form["when"].errors  # the error list renders too
    assert "errorlist" in str(form["when"].errors)


def test_a_list_says_its_words_in_each_language_it_is_rendered_in():
    page = Template('{% load jinja %}{% jinja_include "workspace/_steps_table.html" steps=steps %}')
    shown = {}
    for language in ("el", "lv", "el", "ca"):
        with translation.override(language):
            shown.setdefault(language, set()).add(page.render(Context({"steps": []})))
    assert len(shown["el"]) == 1  # the same words the second time
    assert '<th scope="col">Βήμα</th>' in shown["el"].pop()
    assert '<th scope="col">Solis</th>' in shown["lv"].pop()
    assert '<th scope="col">Pas</th>' in shown["ca"].pop()
