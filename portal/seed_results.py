"""Seeds what the network measures and publishes: indicators (names from the data file, with
their source), sample indicator values and sample published outputs, every sample marked demo."""

from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile

from cities.models import City, Network
from common.languages import localized_values as _translated
from common.languages import missing_translations
from indicators.models import Indicator, Measurement, Series
from outputs.models import PublishedOutput
from practices.models import Deliverable, DeliverableUpload


def sample_pdf(title: str) -> bytes:
    """A one-page PDF that says it is a sample (ASCII only: the base-14 fonts know no Greek)."""
    text = title.encode("ascii", "replace").decode().replace("(", "[").replace(")", "]")
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj 0 -28 Td (Sample document for the demo.) Tj ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
    ]
    body, offsets = "%PDF-1.4\n", []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += f"{number} 0 obj\n{content}\nendobj\n"
    xref = len(body)
    body += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n"
    body += "".join(f"{offset:010d} 00000 n \n" for offset in offsets)
    body += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return body.encode("ascii")


def seed_results(data: dict, network: Network, cities: dict[str, City], report) -> None:
    indicators = {}
    for item in data.get("indicators", []):
        source = item.get("source", {})
        indicator, created = Indicator.objects.update_or_create(
            network=network,
            slug=item["slug"],
            defaults={
                "order": item["order"],
                "direction": item["direction"],
                "level": item["level"],
                "decimal_places": item.get("decimal_places"),
                "source_title": source.get("title", ""),
                "source_url": source.get("url", ""),
                "portal_translations": item.get("portal_translations", []),
                **_translated("name", item["name"]),
                **_translated("description", item.get("description")),
                **_translated("unit", item.get("unit")),
                **_translated("unit_one", item.get("unit_one")),
            },
        )
        indicators[indicator.slug] = indicator
        report.count("indicators", created)
    for item in data.get("indicator_demo_values", []):
        _seed_series(item, indicators[item["indicator"]], cities.get(item["city"]), report)
    for item in data.get("published_outputs", []):
        _seed_output(item, network, cities, report)


def _seed_series(item: dict, indicator: Indicator, city: City | None, report) -> None:
    baseline = item.get("baseline") or {}
    series, created = Series.objects.get_or_create(
        indicator=indicator,
        city=city,
        defaults={
            "is_demo": item.get("demo", False),
            "baseline_value": Decimal(baseline["value"]) if baseline else None,
            "baseline_date": date.fromisoformat(baseline["date"]) if baseline else None,
            **_translated("baseline_source", baseline.get("source")),
            "target_value": Decimal(item["target"]) if item.get("target") else None,
        },
    )
    report.count("indicator series", created)
    if not created:
        # Values people record later are never reset; only languages the file adds are filled.
        _add_languages(series, "baseline_source", baseline.get("source"))
        for measurement in item.get("measurements", []):
            recorded = series.measurements.filter(
                measured_on=date.fromisoformat(measurement["date"]),
                value=Decimal(measurement["value"]),
            ).first()
            if recorded is not None:
                _add_languages(recorded, "note", measurement.get("note"))
        return
    for measurement in item.get("measurements", []):
        Measurement.objects.create(
            series=series,
            value=Decimal(measurement["value"]),
            measured_on=date.fromisoformat(measurement["date"]),
            is_demo=item.get("demo", False),
            **_translated("note", measurement.get("note")),
        )
        report.count("measurements", True)


def _add_languages(obj, field: str, values: dict | None) -> None:
    missing = missing_translations(obj, field, values)
    if missing:
        type(obj).objects.filter(pk=obj.pk).update(**missing)


def _seed_output(item: dict, network: Network, cities: dict[str, City], report) -> None:
    deliverable = Deliverable.objects.filter(
        network=network, kind=item["deliverable"], city=cities.get(item["city"] or "")
    ).first()
    if (
        deliverable is None
        or PublishedOutput.objects.filter(upload__deliverable=deliverable).exists()
    ):
        return
    content = sample_pdf(item["title"]["en"])
    upload = DeliverableUpload(
        deliverable=deliverable,
        original_name=f"{item['deliverable']}-sample.pdf",
        content_type="application/pdf",
        size=len(content),
    )
    upload.file.save("upload.pdf", ContentFile(content), save=False)
    upload.save()
    Deliverable.objects.filter(pk=deliverable.pk).update(file=upload.file.name)
    PublishedOutput.objects.create(
        upload=upload,
        document_language=item["language"],
        published_on=date.fromisoformat(item["published_on"]),
        is_published=True,
        is_demo=item.get("demo", False),
        **_translated("title", item["title"]),
        **_translated("summary", item.get("summary")),
    )
    report.count("published outputs", True)
