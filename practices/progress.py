"""Progress read from per-transfer tallies of the steps, and the upkeep of those tallies.

Progress anywhere on the site is the average of the progress of the steps in scope. Each transfer
keeps, per phase, how many steps it has and the sum of their progress (plus how many are done);
a city's, a practice's or the network's average is then the sum of sums over the sum of counts,
read from a few hundred transfers rather than tens of thousands of steps. The tallies are
recomputed from the steps whenever a step is saved or deleted (signals below: a step's own
transfer), by the admin when a step moves to another transfer (the one it left), and in bulk by
``refresh_tallies()`` after bulk writes and in the migration that introduced them.
"""

from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save

from .models import TALLY_FIELDS, Phase, Status, Transfer, TransferStep

PHASES = [phase.value for phase in Phase]


def tally_fields() -> list[str]:
    return list(TALLY_FIELDS)


def tally_sums(transfers: str = "transfers") -> dict:
    """The tallies summed over the transfers at the lookup path ``transfers`` from the queried
    model (``""``: the queryset's own transfers, for ``aggregate``), under the tally fields' own
    names, which is what ``progress_from_tallies`` reads.

    Plain sums: dividing them in SQL would cost more to compile than to compute here.
    """
    return {name: Sum(f"{transfers}__{name}" if transfers else name) for name in tally_fields()}


def add_up_tallies(obj, transfers) -> None:
    """Set on ``obj`` the tallies of ``transfers`` added up, as ``tally_sums`` would annotate
    them: for a city or practice whose transfers are loaded anyway."""
    transfers = list(transfers)
    for name in tally_fields():
        setattr(obj, name, sum(getattr(transfer, name) or 0 for transfer in transfers))


def _ratio(total: int, count: int) -> float | None:
    return total / count if count else None


def progress_from_tallies(obj) -> None:
    """Set ``progress_overall`` and ``progress_<phase>`` (raw averages, ``None`` without steps),
    ``step_count`` and ``done_count`` on a transfer or on an object annotated with
    ``tally_sums``."""
    steps = [getattr(obj, f"tally_steps_{phase}") or 0 for phase in PHASES]
    sums = [getattr(obj, f"tally_progress_{phase}") or 0 for phase in PHASES]
    obj.progress_overall = _ratio(sum(sums), sum(steps))
    for phase, total, count in zip(PHASES, sums, steps, strict=True):
        setattr(obj, f"progress_{phase}", _ratio(total, count))
    obj.step_count = sum(steps)
    obj.done_count = obj.tally_done or 0


# --- Upkeep -----------------------------------------------------------------------------------


def _counted(steps, **conditions):
    return Coalesce(
        Subquery(
            steps.filter(**conditions)
            .order_by()
            .values("transfer")
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _summed(steps, **conditions):
    return Coalesce(
        Subquery(
            steps.filter(**conditions)
            .order_by()
            .values("transfer")
            .annotate(total=Sum("progress"))
            .values("total")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def refresh_tallies(transfer_ids=None, *, transfer_model=Transfer, step_model=TransferStep):
    """Recount the tallies of these transfers (all when ``None``) from their steps.

    One UPDATE with correlated subqueries; the models can be a migration's historical ones.
    """
    steps = step_model.objects.filter(transfer=OuterRef("pk"))
    values = {"tally_done": _counted(steps, status=Status.DONE)}
    for phase in PHASES:
        values[f"tally_steps_{phase}"] = _counted(steps, phase=phase)
        values[f"tally_progress_{phase}"] = _summed(steps, phase=phase)
    transfers = transfer_model.objects.all()
    if transfer_ids is not None:
        transfers = transfers.filter(pk__in={pk for pk in transfer_ids if pk is not None})
    return transfers.update(**values)


def _step_saved(sender, instance, raw=False, **kwargs) -> None:
    refresh_tallies([instance.transfer_id])


def _step_deleted(sender, instance, **kwargs) -> None:
    refresh_tallies([instance.transfer_id])


def connect() -> None:
    post_save.connect(_step_saved, sender=TransferStep, dispatch_uid="tally:save")
    post_delete.connect(_step_deleted, sender=TransferStep, dispatch_uid="tally:delete")
