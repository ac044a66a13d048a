"""Every article has its network (filled by 0005); slugs are unique within a network."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0005_article_network"),
    ]

    operations = [
        migrations.AlterField(
            model_name="article",
            name="network",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="articles",
                to="cities.network",
                verbose_name="network",
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="slug",
            field=models.SlugField(max_length=120, verbose_name="slug"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["network", "-published_at", "-id"],
                name="article_published_newest",
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.UniqueConstraint(
                fields=("network", "slug"), name="article_unique_slug"
            ),
        ),
    ]
