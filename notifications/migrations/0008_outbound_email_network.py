"""Every outgoing email records its network. The emails already in the outbox were all the one
existing network's (an old database holds at most one); without any network there is nothing
they could belong to, and such rows are removed."""

import django.db.models.deletion
from django.db import migrations, models


def to_the_existing_network(apps, schema_editor):
    Network = apps.get_model("cities", "Network")
    OutboundEmail = apps.get_model("notifications", "OutboundEmail")
    network = Network.objects.order_by("-start_date", "pk").first()
    if network is None:
        OutboundEmail.objects.all().delete()
    else:
        OutboundEmail.objects.filter(network__isnull=True).update(network=network)


class Migration(migrations.Migration):
    dependencies = [
        ("cities", "0009_network_hosts"),
        ("notifications", "0007_account_emails"),
    ]

    operations = [
        migrations.AddField(
            model_name="outboundemail",
            name="network",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="outbound_emails",
                to="cities.network",
                verbose_name="network",
            ),
        ),
        migrations.RunPython(to_the_existing_network, migrations.RunPython.noop),
    ]
