"""Bad data is refused, both by model validation and by the database itself."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from practices.models import TransferStep
from tests.factories import CityFactory, TransferFactory, TransferStepFactory

pytestmark = pytest.mark.django_db


def test_progress_above_100_is_refused_by_validation_and_database():
    step = TransferStepFactory()
    step.progress = 101
    with pytest.raises(ValidationError) as error:
        step.full_clean()
    assert "progress" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        TransferStep.objects.filter(pk=step.pk).update(progress=101)


def test_done_at_40_percent_is_refused():
    step = TransferStepFactory(progress=40)
    step.status = TransferStep.Status.DONE
    with pytest.raises(ValidationError) as error:
        step.full_clean()
    assert "progress" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        TransferStep.objects.filter(pk=step.pk).update(status=TransferStep.Status.DONE)


def test_full_progress_must_be_marked_done():
    step = TransferStepFactory(progress=40)
    with pytest.raises(IntegrityError), transaction.atomic():
        TransferStep.objects.filter(pk=step.pk).update(progress=100)


def test_second_transfer_of_same_practice_by_same_city_is_refused():
    transfer = TransferFactory()
    duplicate = type(transfer)(city=transfer.city, practice=transfer.practice)
    with pytest.raises(ValidationError):
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_due_date_after_network_end_is_refused():
    step = TransferStepFactory()
    network = step.transfer.city.network
    step.due_date = network.end_date + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        step.full_clean()
    assert "due_date" in error.value.message_dict


def test_due_date_on_last_day_of_network_is_accepted():
    step = TransferStepFactory()
    last_day = step.transfer.city.network.end_date
    step.due_date = last_day
    step.full_clean()  # raises if refused
    step.save()
    step.refresh_from_db()
    assert step.due_date == last_day


def test_network_duration_and_erdf_amount_are_derived():
    city = CityFactory(budget=Decimal("176750.00"), erdf_rate=Decimal("70.00"))
    assert str(city.erdf_amount) == "123725.00"
    network = city.network
    assert network.duration_days == (network.end_date - network.start_date).days + 1


def test_only_one_lead_partner_per_network():
    lead = CityFactory(role="lead_partner")
    with pytest.raises(IntegrityError), transaction.atomic():
        CityFactory(network=lead.network, role="lead_partner")
