"""A new network's first transfers and registration forms start from its standard steps and
questions (``networks.models``); a network without any is untouched."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from simple_history.utils import bulk_create_with_history

from common.languages import localized_fields
from practices.models import Transfer, TransferStep
from registrations.models import Question, RegistrationSettings

from .models import StandardQuestion, StandardStep

_STEP_TEXTS = ["title", *localized_fields("title")]
_QUESTION_TEXTS = ["label", *localized_fields("label"), "choices", *localized_fields("choices")]


def _texts(obj, names) -> dict:
    return {name: getattr(obj, name) for name in names}


@receiver(post_save, sender=Transfer, dispatch_uid="networks_standard_steps")
def give_the_standard_steps(sender, instance: Transfer, created: bool, raw=False, **kwargs):
    if not created or raw or instance.steps.exists():
        return
    standard = StandardStep.objects.filter(network_id=instance.city.network_id)
    bulk_create_with_history(
        [
            TransferStep(
                transfer=instance,
                phase=step.phase,
                order=step.order,
                due_date=step.due_date,
                portal_translations=step.portal_translations,
                is_demo=instance.is_demo,
                **_texts(step, _STEP_TEXTS),
            )
            for step in standard
        ],
        TransferStep,
        # A bulk write sends no signal: its records are given their network here.
        custom_historical_attrs={"network_id": instance.city.network_id},
    )
    if standard:
        from practices.progress import refresh_tallies

        refresh_tallies([instance.pk])


@receiver(post_save, sender=RegistrationSettings, dispatch_uid="networks_standard_questions")
def ask_the_standard_questions(sender, instance, created: bool, raw=False, **kwargs):
    if not created or raw or instance.questions.exists():
        return
    Question.objects.bulk_create(
        Question(
            registration_settings=instance,
            order=question.order,
            kind=question.kind,
            required=question.required,
            portal_translations=question.portal_translations,
            **_texts(question, _QUESTION_TEXTS),
        )
        for question in StandardQuestion.objects.filter(network_id=instance.meeting.network_id)
    )
