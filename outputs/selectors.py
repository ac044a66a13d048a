"""Read-side queries for published outputs and the results page."""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404

from cities.models import City, Network
from practices.models import Deliverable, DeliverableUpload

from .models import PublishedOutput


def published_outputs(*, network: Network | None) -> QuerySet[PublishedOutput]:
    """What the public may download, newest first (one query)."""
    if network is None:
        return PublishedOutput.objects.none()
    return (
        PublishedOutput.objects.published()
        .filter(upload__deliverable__network=network)
        .select_related("upload__deliverable__city")
        .defer("upload__file")
        .order_by("upload__deliverable__city__order", "upload__deliverable__kind", "-published_on")
    )


@dataclass
class OutputGroup:
    city: City | None
    outputs: list[PublishedOutput] = field(default_factory=list)


def outputs_by_city(*, network: Network | None) -> list[OutputGroup]:
    """The network's own outputs first, then each city's, in the network's order."""
    groups: dict[int | None, OutputGroup] = {}
    for output in published_outputs(network=network):
        city = output.upload.deliverable.city
        groups.setdefault(city.pk if city else None, OutputGroup(city=city)).outputs.append(output)
    return sorted(
        groups.values(), key=lambda g: (g.city is not None, g.city.order if g.city else 0)
    )


def published_output(*, network: Network | None, pk: int) -> PublishedOutput:
    """A published output of the network, or 404: an unpublished file stays private."""
    output = (
        published_outputs(network=network).select_related("upload").filter(pk=pk).first()
        if network
        else None
    )
    if output is None:
        raise Http404
    return output


def publishable_uploads(*, network: Network | None) -> list[DeliverableUpload]:
    """Every deliverable's current file, with its publication if any (for lead staff)."""
    if network is None:
        return []
    deliverables = Deliverable.objects.filter(network=network).exclude(file="")
    uploads = {
        upload.file.name: upload
        for upload in DeliverableUpload.objects.filter(deliverable__in=deliverables)
        .select_related("deliverable__city", "publication")
        .order_by("-uploaded_at")
    }
    current = [
        uploads[d.file.name]
        for d in deliverables.order_by("city__order", "kind")
        if d.file.name in uploads
    ]
    return current
