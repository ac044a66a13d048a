from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """The site search compares Greek without accents (ασφάλεια = ασφαλεια). No-op on SQLite."""

    dependencies = [("portal", "0001_site_domain")]

    operations = [UnaccentExtension()]
