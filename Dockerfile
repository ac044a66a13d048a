# trixie: its PostgreSQL client (17) can dump and restore the compose PostgreSQL 16 server.
FROM python:3.11-slim-trixie

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1

# The runtime packages of scripts/system-packages.txt (the list says why each is there): gettext,
# the PostgreSQL client, and Pango, HarfBuzz and the DejaVu fonts that WeasyPrint and the
# report's stylesheet need. The same list feeds scripts/system_deps.sh.
COPY scripts/system-packages.txt scripts/system-packages.sh /tmp/system-packages/
RUN packages="$(sh /tmp/system-packages/system-packages.sh runtime)" \
    && test -n "$packages" \
    && apt-get update \
    && apt-get install -y --no-install-recommends $packages \
    && rm -rf /var/lib/apt/lists/* /tmp/system-packages

WORKDIR /app
COPY requirements.lock pyproject.toml README.md ./
RUN pip install --require-hashes -r requirements.lock
COPY . .
RUN pip install --no-deps -e . \
    && DJANGO_DEBUG=1 python manage.py compilemessages --ignore=.venv --verbosity=0 \
    && DJANGO_DEBUG=0 DJANGO_SECRET_KEY=build-only python manage.py collectstatic --no-input --verbosity=0

RUN useradd --create-home citisense && mkdir -p /app/var && chown -R citisense /app/var
USER citisense
EXPOSE 8000
CMD ["gunicorn", "citisense.wsgi:application", "--config", "citisense/gunicorn.py"]
