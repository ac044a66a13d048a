"""The network of an outgoing email is required (filled in by the previous migration)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0008_outbound_email_network"),
    ]

    operations = [
        migrations.AlterField(
            model_name="outboundemail",
            name="network",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="outbound_emails",
                to="cities.network",
                verbose_name="network",
            ),
        ),
        migrations.AddIndex(
            model_name="outboundemail",
            index=models.Index(fields=["network", "-created_at"], name="outbound_email_network"),
        ),
    ]
