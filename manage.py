#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citisense.settings")
    # manage.py is the developer's tool (like cookiecutter's local settings): debug is on unless
    # DJANGO_DEBUG says otherwise. Servers start through wsgi.py/asgi.py/Celery, where it is off
    # by default and a missing DJANGO_SECRET_KEY stops them.
    os.environ.setdefault("DJANGO_DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
