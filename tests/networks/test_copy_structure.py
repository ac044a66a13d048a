"""Creating the next network: the structure of the source, none of its life."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from cities.models import City, Membership, Network
from indicators.models import Indicator, Measurement, Series
from meetings.models import Meeting
from networks.copying import DateShift, copy_structure
from networks.models import StandardQuestion, StandardStep
from portal.seed import ensure_lead_staff_group
from practices.models import Phase, Practice, Transfer, TransferStep
from registrations.models import Question, RegistrationSettings
from reports.models import ReportingPeriod
from tests.factories import (
    ArticleFactory,
    CityFactory,
    MeetingFactory,
    MembershipFactory,
    NetworkFactory,
    PracticeFactory,
    TransferFactory,
    UserFactory,
    activate_totp,
)
from tests.foundation.test_write_rule import database_state

pytestmark = pytest.mark.django_db

START, END = dt.date(2024, 9, 1), dt.date(2026, 8, 31)
NEW_START, NEW_END = dt.date(2027, 1, 1), dt.date(2029, 6, 30)
STANDARD = [
    (Phase.UNDERSTAND, 1, "Study the practice", "Μελέτη της πρακτικής", dt.date(2025, 1, 31)),
    (Phase.ADAPT, 1, "Adapt the practice", "Προσαρμογή", dt.date(2025, 9, 30)),
    (Phase.REUSE, 1, "Run the pilot", "Πιλοτική εφαρμογή", dt.date(2026, 5, 15)),
]


@pytest.fixture
def source(db):
    network = NetworkFactory(name="CITISENSE", slug="citisense", start_date=START, end_date=END)
    lead = CityFactory(network=network, role="lead_partner", name_en="Piraeus", country="GR")
    partner = CityFactory(network=network, name_en="Naples")
    first = PracticeFactory(network=network, slug="council", title_en="Local council")
    PracticeFactory(network=network, slug="survey", title_en="Fear of crime survey")
    for city in (lead, partner):
        transfer = TransferFactory(city=city, practice=first, is_demo=True)
        for phase, order, en, el, due in STANDARD:
            TransferStep.objects.create(
                transfer=transfer,
                phase=phase,
                order=order,
                title_en=en,
                title_el=el,
                due_date=due,
                progress=60,
                status="in_progress",
            )
    # A step one city added for itself is not standard.
    TransferStep.objects.create(
        transfer=Transfer.objects.get(city=partner),
        phase=Phase.ADAPT,
        order=2,
        title_en="Our own extra step",
        due_date=dt.date(2025, 10, 1),
    )
    indicator = Indicator.objects.create(
        network=network, slug="safety", name_en="Perception of safety", name_el="Ασφάλεια", unit="%"
    )
    series = Series.objects.create(indicator=indicator, city=partner)
    Measurement.objects.create(series=series, value=Decimal("41"), measured_on=dt.date(2025, 3, 1))
    for number, (start, end, due) in enumerate(
        [
            (START, dt.date(2024, 12, 31), dt.date(2025, 1, 31)),
            (dt.date(2025, 1, 1), dt.date(2025, 12, 31), dt.date(2026, 1, 31)),
            (dt.date(2026, 1, 1), END, dt.date(2026, 9, 30)),
        ],
        start=1,
    ):
        ReportingPeriod.objects.create(
            network=network, number=number, start_date=start, end_date=end, due_date=due
        )
    meeting = MeetingFactory(
        network=network,
        host_city=partner,
        kind=Meeting.Kind.LOCAL_ULG,
        start=timezone.make_aware(dt.datetime(2025, 5, 5, 10)),
    )
    settings = RegistrationSettings.objects.create(meeting=meeting, is_open=True)
    Question.objects.create(
        registration_settings=settings,
        order=1,
        label_en="Organisation",
        label_el="Φορέας",
        required=True,
    )
    ArticleFactory(cities=[partner])
    MembershipFactory(city=partner, role=Membership.Role.CITY_COORDINATOR)
    return network


@pytest.fixture
def lead(source):
    user = UserFactory(email="lead@example.org", is_staff=True, preferred_language="en")
    MembershipFactory(
        user=user,
        city=City.objects.get(network=source, role="lead_partner"),
        role=Membership.Role.LEAD_STAFF,
    )
    return user


def _copy(source, user, **changes):
    arguments = {
        "source": source,
        "user": user,
        "name": "CITISENSE 2",
        "slug": "citisense-2",
        "start_date": NEW_START,
        "end_date": NEW_END,
        "hosts": ["next.example", "www.next.example"],
        "lead_city_name": "Piraeus",
        "lead_city_country": "GR",
        **changes,
    }
    return copy_structure(**arguments)


def test_the_structure_is_copied_and_nothing_of_its_life(source, lead):
    new = _copy(source, lead)
    assert (new.name, new.programme, new.network_type) == (
        "CITISENSE 2",
        "URBACT IV",
        source.network_type,
    )
    assert new.address.startswith("http://next.example")
    assert set(new.hosts.values_list("host", flat=True)) == {"next.example", "www.next.example"}
    # Practices, with every language.
    titles = Practice.objects.filter(network=new).values_list("title_en", flat=True)
    assert sorted(titles) == ["Fear of crime survey", "Local council"]
    # The three standard steps, not the city's own, due on the same point of the new calendar.
    steps = StandardStep.objects.filter(network=new).order_by("due_date")
    assert [(s.phase, s.title_en, s.title_el) for s in steps] == [
        (phase, en, el) for phase, _order, en, el, _due in STANDARD
    ]
    assert [s.due_date for s in steps] == [
        dt.date(2027, 5, 31),
        dt.date(2028, 1, 31),
        dt.date(2028, 9, 15),
    ]
    # Indicators without a measurement; periods moved, the last one ending with the network.
    assert Indicator.objects.get(network=new).name_el == "Ασφάλεια"
    assert not Series.objects.filter(indicator__network=new).exists()
    periods = list(
        ReportingPeriod.objects.filter(network=new).values_list("start_date", "end_date")
    )
    assert periods == [
        (NEW_START, dt.date(2027, 4, 30)),
        (dt.date(2027, 5, 1), dt.date(2028, 4, 30)),
        (dt.date(2028, 5, 1), NEW_END),
    ]
    question = StandardQuestion.objects.get(network=new)
    assert (question.label_en, question.label_el, question.required) == (
        "Organisation",
        "Φορέας",
        True,
    )
    # Nobody and nothing else: one city (the lead partner), one role (the copier's).
    assert list(City.objects.filter(network=new).values_list("name_en", "role")) == [
        ("Piraeus", "lead_partner")
    ]
    assert list(Membership.objects.filter(city__network=new).values_list("user", "role")) == [
        (lead.pk, "lead_staff")
    ]
    assert not Transfer.objects.filter(city__network=new).exists()
    assert not Meeting.objects.filter(network=new).exists()


def test_the_source_is_left_as_it_was(source, lead):
    copied = {"cities.Network", "cities.City", "cities.Membership", "cities.NetworkHost"}
    copied |= {"practices.Practice", "indicators.Indicator", "reports.ReportingPeriod"}
    copied |= {"networks.StandardStep", "networks.StandardQuestion", "operations.AuditEvent"}
    before = database_state()
    _copy(source, lead)
    after = database_state()
    changed = {label for label in after if after[label] != before[label]}
    assert changed <= copied | {"cities.HistoricalMembership"}
    for label in copied - {"operations.AuditEvent"}:
        assert before[label] == after[label][: len(before[label])], label


def test_a_new_transfer_and_registration_form_start_from_the_standard(source, lead):
    new = _copy(source, lead)
    partner = CityFactory(network=new)
    transfer = TransferFactory(city=partner, practice=Practice.objects.filter(network=new).first())
    assert list(transfer.steps.order_by("due_date").values_list("title_en", flat=True)) == [
        en for _phase, _order, en, _el, _due in STANDARD
    ]
    meeting = MeetingFactory(
        network=new, host_city=partner, start=timezone.make_aware(dt.datetime(2027, 6, 1, 10))
    )
    settings = RegistrationSettings.objects.create(meeting=meeting)
    assert list(settings.questions.values_list("label_en", flat=True)) == ["Organisation"]


def test_a_network_already_copied_keeps_its_own_standard_steps(source, lead):
    first = _copy(source, lead)
    StandardStep.objects.filter(network=first, phase=Phase.REUSE).delete()
    second = _copy(first, lead, name="CITISENSE 3", slug="citisense-3", hosts=[])
    assert StandardStep.objects.filter(network=second).count() == 2


@pytest.mark.parametrize("who", ["coordinator", "lead of another network", "lead expert"])
def test_only_lead_staff_of_the_source_may_copy_it(source, who):
    if who == "coordinator":
        user = Membership.objects.get(city__network=source, role="city_coordinator").user
    elif who == "lead expert":
        user = UserFactory()
        MembershipFactory(
            user=user, city=City.objects.filter(network=source).first(), role="lead_expert"
        )
    else:
        user = UserFactory()
        MembershipFactory(user=user, city=CityFactory(), role="lead_staff")
    networks = Network.objects.count()
    with pytest.raises(PermissionDenied):
        _copy(source, user)
    assert Network.objects.count() == networks


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "CITISENSE"}, "name"),
        ({"slug": "citisense"}, "slug"),
        ({"end_date": NEW_START}, "end_date"),
        ({"hosts": ["https://next.example/"]}, "hosts"),
        ({"lead_city_name": " "}, "lead_city_name"),
    ],
)
def test_bad_input_creates_nothing(source, lead, changes, field):
    before = database_state()
    with pytest.raises(ValidationError) as raised:
        _copy(source, lead, **changes)
    assert field in raised.value.message_dict
    assert database_state() == before


def test_dates_move_by_whole_months_and_month_ends_stay_month_ends(source):
    shift = DateShift(source, dt.date(2027, 1, 1), dt.date(2029, 6, 30))
    assert shift(dt.date(2024, 11, 30)) == dt.date(2027, 3, 31)
    assert shift(dt.date(2024, 10, 31)) == dt.date(2027, 2, 28)
    assert shift(dt.date(2024, 10, 15)) == dt.date(2027, 2, 15)
    assert shift(START) == dt.date(2027, 1, 1) and shift(END) == dt.date(2029, 6, 30)


# --- In the admin --------------------------------------------------------------------------


@pytest.fixture
def admin_lead(lead):
    lead.groups.add(ensure_lead_staff_group())
    activate_totp(lead)
    return lead


def _form(**changes) -> dict:
    return {
        "name": "CITISENSE 2",
        "slug": "citisense-2",
        "start_date": "2027-01-01",
        "end_date": "2029-06-30",
        "hosts": "next.example\nwww.next.example",
        "lead_city_name": "Piraeus",
        "lead_city_country": "GR",
        **changes,
    }


def test_the_network_page_leads_to_the_copy_form(client, source, admin_lead):
    client.force_login(admin_lead)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("admin:cities_network_change", args=[source.pk]))
    copy_url = reverse("admin:networks_copy_structure", args=[source.pk])
    assert copy_url in page.content.decode()
    form = client.get(copy_url)
    assert "Create the next network from CITISENSE" in form.content.decode()
    assert form.context["form"]["lead_city_name"].value() == "Piraeus"


def test_the_admin_form_creates_the_network_and_its_lead_lands_on_it(client, source, admin_lead):
    client.force_login(admin_lead)
    response = client.post(reverse("admin:networks_copy_structure", args=[source.pk]), _form())
    new = Network.objects.get(slug="citisense-2")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:cities_network_change", args=[new.pk])
    assert client.get(response["Location"]).status_code == 200  # theirs: they lead it


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end_date": "2026-12-31"}, "end_date"),
        ({"name": "CITISENSE"}, "name"),
        ({"hosts": "next.example\nnot a host"}, "hosts"),
        ({"start_date": "soon"}, "start_date"),
    ],
)
def test_bad_input_in_the_admin_form_is_shown_and_creates_nothing(
    client, source, admin_lead, changes, field
):
    client.force_login(admin_lead)
    client.cookies["django_language"] = "en"
    networks = Network.objects.count()
    response = client.post(
        reverse("admin:networks_copy_structure", args=[source.pk]), _form(**changes)
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert "Please correct the errors below." in response.content.decode()
    assert Network.objects.count() == networks


def test_lead_staff_of_another_network_cannot_open_the_copy_form(client, source):
    other = NetworkFactory()
    user = UserFactory(is_staff=True)
    user.groups.add(ensure_lead_staff_group())
    MembershipFactory(user=user, city=CityFactory(network=other), role="lead_staff")
    activate_totp(user)
    client.force_login(user)
    response = client.post(reverse("admin:networks_copy_structure", args=[source.pk]), _form())
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")
    assert not Network.objects.filter(slug="citisense-2").exists()
