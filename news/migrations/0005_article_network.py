"""Each article belongs to one network: its site shows it, and its slug is unique within it.

Existing articles go to the network of their cities, else to the deployment's default network
(there is at most one network in a database older than this migration)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def assign_network(apps, schema_editor):
    Article = apps.get_model("news", "Article")
    Network = apps.get_model("cities", "Network")
    if not Article.objects.exists():
        return
    default = (
        Network.objects.filter(slug=settings.DEFAULT_NETWORK).first()
        or Network.objects.order_by("-start_date", "pk").first()
    )
    for article in Article.objects.filter(network__isnull=True).iterator():
        city = article.cities.order_by("pk").first()
        network_id = city.network_id if city is not None else getattr(default, "pk", None)
        if network_id is None:
            raise RuntimeError("Articles exist but no network does: add the network first.")
        Article.objects.filter(pk=article.pk).update(network_id=network_id)


class Migration(migrations.Migration):
    dependencies = [
        ("cities", "0009_network_hosts"),
        ("news", "0004_partner_languages"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="article",
            name="article_published_newest",
        ),
        migrations.AddField(
            model_name="article",
            name="network",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="articles",
                to="cities.network",
                verbose_name="network",
            ),
        ),
        migrations.RunPython(assign_network, migrations.RunPython.noop),
    ]
