"""The network's open data described for others: the data dictionary (every field of every
CSV/JSON file, in the page's language), schema.org ``Dataset``s and the DCAT-AP 3 catalogue.

The datasets are the files the public pages already offer (progress, indicators, the meetings'
calendar, the published outputs); this module only describes them, at their real addresses.
"""

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cities.models import City, Network
from common import exports
from common.languages import absolute
from common.uploads import safe_content_type
from outputs.selectors import published_outputs
from practices.models import Phase

DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
#: EU Publications Office vocabularies named by DCAT-AP.
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
LANGUAGE_CODES = {
    "el": "ELL",
    "en": "ENG",
    "it": "ITA",
    "lv": "LAV",
    "hu": "HUN",
    "nl": "NLD",
    "es": "SPA",
    "ca": "CAT",
}
MEDIA_TYPE = "https://www.iana.org/assignments/media-types/"

ROW_FIELDS = {
    "city": _("The city's short name, as in the site's addresses."),
    "city_name": _("The city's name in the file's language."),
    "country": _("The city's country (two-letter ISO 3166 code)."),
    "practice": _("The practice's short name, as in the site's addresses."),
    "practice_title": _("The practice's title in the file's language."),
    "steps": _("How many steps the transfer has."),
    "progress": _("Progress of the transfer, in per cent (the average of its steps)."),
    "indicator": _("The indicator's short name."),
    "indicator_name": _("The indicator's name in the file's language."),
    "unit": _("The unit of the values, in the file's language."),
    "direction": _("Which way is better: “higher” or “lower”."),
    "baseline": _("The value measured before the transfer."),
    "baseline_date": _("When the baseline was measured (YYYY-MM-DD)."),
    "baseline_source": _("Where the baseline comes from."),
    "target": _("The value the city aims for."),
    "latest": _("The latest value measured."),
    "latest_date": _("When the latest value was measured (YYYY-MM-DD)."),
    "measurements": _(
        "In CSV, how many values were measured; in JSON, each measurement with its date and value."
    ),
    "demo": _("True when the row is sample content of the demonstration."),
}
ENVELOPE_FIELDS = {
    "network": _("The network's name."),
    "language": _("The language of the names in the file."),
    "generated_at": _("When the file was made (ISO 8601)."),
    "source": _("The page that shows the same data."),
}
CALENDAR_FIELDS = {
    "SUMMARY": _("The meeting's title."),
    "DTSTART, DTEND": _("When it starts and ends (a date alone when only the day is known)."),
    "LOCATION": _("Where it takes place."),
    "DESCRIPTION": _("Its agenda."),
    "URL": _("Its page on the site."),
    "STATUS": _("CONFIRMED, or CANCELLED."),
    "UID, SEQUENCE": _(
        "Its identifier and revision, so that calendars update the event instead of adding it "
        "again."
    ),
}


@dataclass
class File:
    url_name: str
    label: str
    media_type: str
    file_type: str
    args: tuple = ()
    title: str = ""

    @property
    def url(self) -> str:
        return reverse(self.url_name, args=self.args)


@dataclass
class Dataset:
    key: str
    title: str
    description: str
    page: str
    files: list[File]
    fields: list[tuple[str, str]] = field(default_factory=list)

    @property
    def page_url(self) -> str:
        return reverse(self.page)


def _phase_fields() -> list[tuple[str, str]]:
    return [
        (
            f"progress_{phase.value}",
            _("Progress of the phase “%(phase)s”, in per cent.") % {"phase": phase.label},
        )
        for phase in Phase
    ]


def _rows(*names: str) -> list[tuple[str, str]]:
    return [(name, ROW_FIELDS[name]) for name in names]


def datasets(network: Network | None, *, outputs=None) -> list[Dataset]:
    """The datasets, described in the active language (``outputs``: the published outputs,
    when the caller has read them already)."""
    if outputs is None:
        outputs = published_outputs(network=network).defer(None)  # with the files' names
    envelope = list(ENVELOPE_FIELDS.items())
    progress_fields = _rows(
        "city", "city_name", "country", "practice", "practice_title", "steps", "progress"
    )
    progress_fields += _phase_fields()
    progress_fields += [
        *envelope,
        ("phases", _("The phases of a transfer, in order (JSON only).")),
        ("transfers", _("The rows, with the fields above (JSON only).")),
    ]
    indicator_fields = _rows(
        "indicator", "indicator_name", "city", "city_name", "unit", "direction", "baseline",
        "baseline_date", "baseline_source", "target", "latest", "latest_date", "measurements",
        "demo",
    )  # fmt: skip
    indicator_fields += [
        *envelope,
        ("indicators", _("The rows, with the fields above (JSON only).")),
    ]
    output_files = [
        File(
            "outputs:download",
            pgettext_lazy("file format", "Document"),
            safe_content_type(output.upload.file.name),
            PurePosixPath(output.upload.file.name).suffix.lstrip(".").upper() or "BIN",
            args=(output.pk,),
            title=output.title,
        )
        for output in outputs
    ]
    return [
        Dataset(
            "progress",
            _("Transfer progress"),
            _("How far each partner city has got with each practice it transfers, by phase."),
            "portal:progress",
            [
                File("portal:progress_csv", "CSV", exports.media_type(exports.CSV), "CSV"),
                File("portal:progress_json", "JSON", exports.media_type(exports.JSON), "JSON"),
            ],
            progress_fields,
        ),
        Dataset(
            "indicators",
            _("Result indicators"),
            _("Each city's indicators: the baseline, the target and the values measured."),
            "outputs:results",
            [
                File("indicators:csv", "CSV", exports.media_type(exports.CSV), "CSV"),
                File("indicators:json", "JSON", exports.media_type(exports.JSON), "JSON"),
            ],
            indicator_fields,
        ),
        Dataset(
            "meetings",
            _("Meetings"),
            _("The network's public meetings, as a calendar."),
            "meetings:list",
            [File("meetings:feed", "iCalendar", exports.media_type(exports.ICS), "ICS")],
            list(CALENDAR_FIELDS.items()),
        ),
        Dataset(
            "outputs",
            _("Published outputs"),
            _("Investment Plans, studies and reports published by the network and its cities."),
            "outputs:list",
            output_files,
        ),
    ]


def dictionary_url(lang: str | None = None) -> str:
    with translation.override(lang or translation.get_language()):
        return absolute(reverse("opendata:dictionary"))


def schema_datasets(network: Network | None) -> list[dict]:
    """schema.org ``Dataset`` of each, in the page's language, for the data dictionary page."""
    items = []
    for dataset in datasets(network):
        items.append(
            {
                "@context": "https://schema.org",
                "@type": "Dataset",
                "@id": f"{dictionary_url()}#{dataset.key}",
                "name": str(dataset.title),
                "description": str(dataset.description),
                "url": absolute(reverse(dataset.page)),
                "inLanguage": translation.get_language(),
                "isAccessibleForFree": True,
                "creator": {"@type": "Organization", "name": network.name if network else ""},
                "distribution": [
                    {
                        "@type": "DataDownload",
                        "name": file.title or file.label,
                        "encodingFormat": file.media_type,
                        "contentUrl": absolute(reverse(file.url_name, args=file.args)),
                    }
                    for file in dataset.files
                ],
            }
        )
    return items


def _languages() -> list[dict]:
    return [
        {"@id": LANGUAGE + LANGUAGE_CODES[code]}
        for code, _name in settings.LANGUAGES
        if code in LANGUAGE_CODES
    ]


def _distribution(file: File, code: str) -> dict:
    address = absolute(reverse(file.url_name, args=file.args))
    distribution = {
        "@id": address,
        "@type": "dcat:Distribution",
        "dct:title": {"@value": str(file.title or file.label), "@language": code},
        "dcat:accessURL": {"@id": address},
        "dcat:downloadURL": {"@id": address},
        "dcat:mediaType": {"@id": MEDIA_TYPE + file.media_type},
        "dct:format": {"@id": FILE_TYPE + file.file_type},
    }
    if not file.args and code in LANGUAGE_CODES:
        distribution["dct:language"] = {"@id": LANGUAGE + LANGUAGE_CODES[code]}
    return distribution


def catalogue(network: Network) -> dict:
    """The DCAT-AP 3 catalogue (JSON-LD) of the network's datasets, at their real addresses:
    titles and descriptions in every language, each file in each language a distribution (a
    published output, the same file whatever the language, once)."""
    lead = City.objects.filter(network=network, role=City.Role.LEAD_PARTNER).first()
    publisher = {
        "@id": absolute("/#publisher"),
        "@type": "foaf:Agent",
        "foaf:name": lead.name if lead else network.name,
    }
    default = settings.LANGUAGE_CODE
    with translation.override(default):
        about = absolute(reverse("network:about"))
        page = dictionary_url(default)
        landings = [absolute(reverse(dataset.page)) for dataset in datasets(network, outputs=[])]
    contact = {
        "@type": "vcard:Organization",
        "vcard:fn": network.name,
        "vcard:hasURL": {"@id": about},
    }
    outputs = list(published_outputs(network=network).defer(None))
    catalogue_texts = {"dct:title": [], "dct:description": []}
    entries: list[dict] = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            catalogue_texts["dct:title"].append(
                {"@value": _("Open data of %(name)s") % {"name": network.name}, "@language": code}
            )
            catalogue_texts["dct:description"].append(
                {
                    "@value": _(
                        "The datasets of %(name)s: progress, indicators, meetings and outputs."
                    )
                    % {"name": network.name},
                    "@language": code,
                }
            )
            for index, dataset in enumerate(datasets(network, outputs=outputs)):
                if len(entries) <= index:
                    entries.append(
                        {
                            "@id": f"{page}#{dataset.key}",
                            "@type": "dcat:Dataset",
                            "dct:identifier": f"{network.slug}-{dataset.key}",
                            "dct:title": [],
                            "dct:description": [],
                            "dct:publisher": {"@id": publisher["@id"]},
                            "dcat:contactPoint": contact,
                            "dcat:landingPage": {"@id": landings[index]},
                            "foaf:page": {"@id": page},
                            "dct:language": _languages(),
                            "dcat:distribution": [],
                        }
                    )
                entry = entries[index]
                entry["dct:title"].append({"@value": str(dataset.title), "@language": code})
                entry["dct:description"].append(
                    {"@value": str(dataset.description), "@language": code}
                )
                known = {d["@id"] for d in entry["dcat:distribution"]}
                for file in dataset.files:
                    if file.args and code != default:
                        continue  # a document: the same file at every language's address
                    distribution = _distribution(file, code)
                    if distribution["@id"] not in known:
                        entry["dcat:distribution"].append(distribution)
    return {
        "@context": DCAT_CONTEXT,
        "@id": absolute(reverse("opendata_catalogue")),
        "@type": "dcat:Catalog",
        **catalogue_texts,
        "dct:publisher": publisher,
        "dcat:contactPoint": contact,
        "foaf:homepage": {"@id": absolute("/")},
        "dct:language": _languages(),
        "dct:modified": {"@value": timezone.localdate().isoformat(), "@type": "xsd:date"},
        "dcat:dataset": entries,
    }
