import secrets

from django.db import migrations, models

import mutiroes.events.models


def fill_share_tokens(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    for event in Event.objects.filter(share_token__isnull=True).only("id").iterator(chunk_size=1000):
        Event.objects.filter(pk=event.pk).update(share_token=secrets.token_urlsafe(16))


class Migration(migrations.Migration):
    dependencies = [("events", "0003_seed_categories")]

    operations = [
        migrations.AddField(
            model_name="event",
            name="share_token",
            field=models.CharField(editable=False, max_length=32, null=True),
        ),
        migrations.RunPython(fill_share_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="event",
            name="share_token",
            field=models.CharField(
                default=mutiroes.events.models.new_share_token, editable=False, max_length=32, unique=True
            ),
        ),
    ]
