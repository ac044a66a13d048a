"""``makemessages`` that also reads the Jinja2 templates (common/jinja.py).

Django's extractor reads every ``.html`` file as a Django template. A file in a ``jinja2``
folder is a Jinja2 template instead; its strings are written ``_("…")`` (constants only: a
sentence with values, a plural or a context is made in Python), which this command hands to
``xgettext`` as the Python calls they are, one line for each line of the template.
"""

import re
from pathlib import PurePath

from django.core.management.commands import makemessages

_STRING = r""""(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'"""
CONSTANT_CALL = re.compile(rf"\b_\(\s*({_STRING})\s*\)")


def jinja_calls(source: str) -> str:
    """Each line's ``_("…")`` calls as Python, the line numbers kept."""
    return "\n".join(
        " ".join(f"gettext({literal})" for literal in CONSTANT_CALL.findall(line))
        for line in source.splitlines()
    )


class JinjaAwareBuildFile(makemessages.BuildFile):
    def preprocess(self):
        if not (self.is_templatized and "jinja2" in PurePath(self.path).parts):
            return super().preprocess()
        with open(self.path, encoding="utf-8") as template:
            content = jinja_calls(template.read())
        with open(self.work_path, "w", encoding="utf-8") as work:
            work.write(content)


class Command(makemessages.Command):
    build_file_class = JinjaAwareBuildFile
