"""Lead staff publish a deliverable's file, and take it back; both take effect at once (the
page cache is emptied by the content signals on every save)."""

from collections.abc import Mapping
from datetime import date

from django.db import transaction

from cities.permissions import require_lead_staff
from common.languages import set_translations
from practices.models import DeliverableUpload

from .models import PublishedOutput


@transaction.atomic
def publish(
    *,
    user,
    upload: DeliverableUpload,
    title: Mapping[str, str],
    document_language: str,
    published_on: date,
) -> PublishedOutput:
    require_lead_staff(user, network=upload.deliverable.network_id)
    output = PublishedOutput.objects.select_for_update().filter(upload=upload).first()
    output = output or PublishedOutput(upload=upload)
    set_translations(output, "title", {code: text.strip() for code, text in title.items()})
    output.document_language = document_language
    output.published_on = published_on
    output.is_published = True
    output.is_demo = False
    output.published_by = user
    output.full_clean()
    output.save()
    return output


@transaction.atomic
def unpublish(*, user, output: PublishedOutput) -> PublishedOutput:
    require_lead_staff(user, network=output.upload.deliverable.network_id)
    output = PublishedOutput.objects.select_for_update().get(pk=output.pk)
    output.is_published = False
    output.save(update_fields=["is_published", "updated_at"])
    return output
