from urllib.parse import urlsplit

from django.conf import settings
from django.db import migrations


def set_site_domain(apps, schema_editor):
    """Emails link to SITE_URL's host rather than Django's default example.com."""
    Site = apps.get_model("sites", "Site")
    domain = urlsplit(settings.SITE_URL).netloc or "127.0.0.1:8000"
    Site.objects.update_or_create(id=settings.SITE_ID, defaults={"domain": domain, "name": "CITISENSE"})


class Migration(migrations.Migration):
    dependencies = [("sites", "0002_alter_domain_unique")]

    operations = [migrations.RunPython(set_site_domain, migrations.RunPython.noop)]
