import pytest

from cities.models import Membership
from practices import services
from tests.factories import (
    CityFactory,
    DeliverableFactory,
    MembershipFactory,
    PracticeFactory,
    TransferFactory,
    TransferStepFactory,
    UserFactory,
)
from tests.workspace import files


@pytest.fixture
def practice(network):
    return PracticeFactory(network=network)


@pytest.fixture
def transfer(city, practice):
    return TransferFactory(city=city, practice=practice)


@pytest.fixture
def step(transfer):
    return TransferStepFactory(transfer=transfer, progress=40, status="in_progress")


@pytest.fixture
def other_city(network):
    return CityFactory(network=network, name_en="Othertown", name_el="Άλληπολη")


@pytest.fixture
def other_coordinator(other_city):
    user = UserFactory(email="other.coordinator@example.org")
    MembershipFactory(user=user, city=other_city, role=Membership.Role.CITY_COORDINATOR)
    return user


@pytest.fixture
def other_transfer(other_city, practice):
    return TransferFactory(city=other_city, practice=practice)


@pytest.fixture
def other_step(other_transfer):
    return TransferStepFactory(transfer=other_transfer, progress=20, status="in_progress")


@pytest.fixture
def deliverable(city):
    return DeliverableFactory(city=city, network=city.network)


@pytest.fixture
def other_deliverable(other_city):
    return DeliverableFactory(city=other_city, network=other_city.network)


@pytest.fixture
def lead_expert(lead_city):
    user = UserFactory(email="expert@example.org", full_name="Lead Expert")
    MembershipFactory(user=user, city=lead_city, role=Membership.Role.LEAD_EXPERT)
    return user


@pytest.fixture
def evidence(step, coordinator):
    return services.add_evidence(step=step, user=coordinator, upload=files.pdf("ours.pdf"))


@pytest.fixture
def other_evidence(other_step, other_coordinator):
    return services.add_evidence(
        step=other_step, user=other_coordinator, upload=files.pdf("theirs.pdf")
    )


@pytest.fixture
def upload(deliverable, coordinator):
    return services.upload_deliverable_file(
        deliverable=deliverable, user=coordinator, upload=files.pdf("plan.pdf")
    )


@pytest.fixture
def other_upload(other_deliverable, other_coordinator):
    return services.upload_deliverable_file(
        deliverable=other_deliverable, user=other_coordinator, upload=files.pdf("their-plan.pdf")
    )
