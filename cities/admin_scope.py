"""The admin per network: lead staff of one network are nobody in another.

Every ModelAdmin and inline of the portal's models mixes in ``NetworkScopedAdmin`` and says
how its rows reach their network (``network_path``: ``"network"``, ``"city__network"``,
``"meeting__network"``…, ``""`` for the network itself, or several paths of which any will
do). From that one declaration the admin filters, for lead staff, everything it shows or
accepts: the change list and its search, the change, delete and history pages by id (another
network's id is "doesn't exist", never its data), simple_history's history and its versions,
actions (they act on the change list's rows), inlines, the choices of every foreign key and
many-to-many field (autocomplete included: it asks the related model's admin), the list
filters' choices, the admin log and the "recent actions" on the index.

Lead staff reach the networks in which they hold the lead staff role; superusers reach every
network. Anybody else on the staff reaches none. A model whose admin declares no path is seen
by superusers only: the scope fails closed.
"""

from collections.abc import Iterable

from django.contrib.admin import RelatedOnlyFieldListFilter
from django.contrib.admin.utils import get_fields_from_path, unquote
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest

from .closure import RECORD_APPS
from .selectors import closed_network_ids, lead_network_ids

#: The scope of every model some admin or inline declared: model → its admin (or inline).
SCOPED: dict[type[Model], "NetworkScopedAdmin"] = {}


def admin_network_ids(request: HttpRequest) -> set[int] | None:
    """The networks whose objects the person reaches in the admin (None: every network, for a
    superuser). Asked once per request."""
    if not hasattr(request, "_admin_network_ids"):
        user = request.user
        request._admin_network_ids = lead_network_ids(user) if user.is_authenticated else set()
    return request._admin_network_ids


def _multivalued(model: type[Model], path: str) -> bool:
    """Whether following ``path`` may meet a row more than once (a reverse or many-to-many
    relation on the way), so that a plain filter would repeat rows."""
    try:
        fields = get_fields_from_path(model, path) if path else []
    except FieldDoesNotExist:
        return False
    return any(field.many_to_many or field.one_to_many for field in fields)


def network_q(paths: Iterable[str], network_ids: set[int]) -> Q:
    """Rows reaching one of ``network_ids`` by any of ``paths`` (none: no row)."""
    ids = sorted(network_ids)
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{path}__in" if path else "pk__in": ids})
    return q


def in_networks(queryset: QuerySet, paths: tuple[str, ...], network_ids: set[int]) -> QuerySet:
    q = network_q(paths, network_ids)
    if any(_multivalued(queryset.model, path) for path in paths):
        return queryset.filter(pk__in=queryset.model._base_manager.filter(q).values("pk"))
    return queryset.filter(q)


def scope_queryset(queryset: QuerySet, request: HttpRequest) -> QuerySet:
    """``queryset`` as far as the person reaches in the admin; unchanged for a model nobody
    scoped (a deployment's own tables such as groups or content types, which lead staff have
    no permission on)."""
    network_ids = admin_network_ids(request)
    scope = SCOPED.get(queryset.model)
    if network_ids is None or scope is None:
        return queryset
    return scope.restrict(queryset, network_ids)


class NetworkScopedAdmin:
    """For a ModelAdmin or an inline: see the module's docstring."""

    #: How a row reaches its network: one lookup path, or a tuple of alternatives.
    network_path: str | tuple[str, ...] | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        SCOPED.setdefault(self.model, self)

    @property
    def network_paths(self) -> tuple[str, ...]:
        path = self.network_path
        if path is None:
            return ()
        return (path,) if isinstance(path, str) else tuple(path)

    def restrict(self, queryset: QuerySet, network_ids: set[int]) -> QuerySet:
        """The rows of ``queryset`` in ``network_ids``; a model admin with a subtler rule than
        a path overrides this."""
        return in_networks(queryset, self.network_paths, network_ids)

    def _of_closed_network(self, obj) -> bool:
        """An object of a closed network is read-only, whichever host the admin is opened on."""
        if obj is None or obj.pk is None or obj._meta.app_label not in RECORD_APPS:
            return False
        # An inline is asked about its parent object: the parent model's own path.
        scope = self if isinstance(obj, self.model) else SCOPED.get(type(obj))
        if scope is None:
            return False
        closed = closed_network_ids()
        q = Q(pk__in=[])
        for path in scope.network_paths:
            q |= Q(**{f"{path}__in" if path else "pk__in": closed})
        return type(obj)._base_manager.filter(q, pk=obj.pk).exists()

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._of_closed_network(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._of_closed_network(obj)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        network_ids = admin_network_ids(request)
        return queryset if network_ids is None else self.restrict(queryset, network_ids)

    def get_field_queryset(self, db, db_field, request):
        """Foreign-key and many-to-many choices (and what the form accepts): the related
        model's rows in the person's networks."""
        queryset = super().get_field_queryset(db, db_field, request)
        if queryset is None:
            queryset = db_field.remote_field.model._default_manager.using(db)
        return scope_queryset(queryset, request)

    def get_list_filter(self, request):
        """A filter by a related object offers only the objects the rows in scope refer to
        (Django's "related only" filter), never another network's names."""
        filters = []
        for entry in super().get_list_filter(request):
            if isinstance(entry, str) and _is_relation(self.model, entry):
                entry = (entry, RelatedOnlyFieldListFilter)
            filters.append(entry)
        return filters

    def _reaches(self, request, object_id) -> bool:
        """Superusers also read a deleted object's history; lead staff an existing object of
        their networks only."""
        if admin_network_ids(request) is None:
            return True
        return self.get_object(request, unquote(object_id)) is not None

    # simple_history's pages find the object without the admin's queryset (and fall back to
    # its last recorded version): outside the person's networks it does not exist.
    def history_view(self, request, object_id, extra_context=None):
        if not self._reaches(request, object_id):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not self._reaches(request, object_id):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


def _is_relation(model: type[Model], path: str) -> bool:
    try:
        return get_fields_from_path(model, path)[-1].is_relation
    except (FieldDoesNotExist, IndexError):
        return False


def rescope(site, model: type[Model], network_path: str | tuple[str, ...] | None) -> None:
    """Puts the scope on an admin registered elsewhere (a third-party app's, or an app that
    may not import this one): the same ModelAdmin with ``NetworkScopedAdmin`` mixed in.
    ``network_path`` None: its rows are the superusers' only."""
    registered = type(site.get_model_admin(model))
    site.unregister(model)
    scoped = type(
        registered.__name__,
        (NetworkScopedAdmin, registered),
        {"network_path": network_path, "__module__": registered.__module__},
    )
    site.register(model, scoped)
