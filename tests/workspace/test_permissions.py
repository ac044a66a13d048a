"""Each permission rule for each workspace view: own city allowed, another city 404 with nothing
changed, anonymous sent to login, lead staff allowed everywhere, the lead expert reads only."""

import pytest
from django.urls import reverse

from tests.workspace import files
from tests.workspace.helpers import in_days, snapshot

pytestmark = pytest.mark.django_db

#: (view name, fixture of the object it shows) for views that read one object.
READ_VIEWS = [
    ("workspace:step_detail", "step"),
    ("workspace:evidence_download", "evidence"),
    ("workspace:deliverable_detail", "deliverable"),
    ("workspace:deliverable_download", "upload"),
]
#: Views that change something, reached by GET (form pages) — same rules, plus 403 for readers.
EDIT_PAGES = [
    ("workspace:step_edit", "step"),
    ("workspace:deliverable_edit", "deliverable"),
]


def post_data(view: str, obj) -> dict:
    if view == "workspace:step_edit":
        return {
            "status": "in_progress",
            "progress": 90,
            "due_date": in_days(5),
            "notes": "changed by someone",
            "version": obj.version,
        }
    if view == "workspace:deliverable_edit":
        return {"status": "done", "due_date": in_days(5), "version": obj.version}
    if view in ("workspace:evidence_upload", "workspace:deliverable_upload"):
        return {"file": files.pdf("sneaky.pdf")}
    if view == "workspace:comment_add":
        return {"body": "A comment"}
    return {}


#: (view name, fixture of the object, who may do it besides lead staff).
WRITE_VIEWS = [
    ("workspace:step_edit", "step"),
    ("workspace:evidence_upload", "step"),
    ("workspace:evidence_delete", "evidence"),
    ("workspace:comment_add", "step"),
    ("workspace:deliverable_edit", "deliverable"),
    ("workspace:deliverable_upload", "deliverable"),
]
ALL_OBJECT_VIEWS = READ_VIEWS + EDIT_PAGES + WRITE_VIEWS


def url(view: str, obj) -> str:
    return reverse(view, kwargs={"pk": obj.pk})


def shows(response, fixture: str, obj) -> bool:
    """What the person notices: the file they asked for, byte for byte, or the page of that
    very step or deliverable (its title)."""
    if response.status_code != 200:
        return False
    if fixture in ("evidence", "upload"):
        body = b"".join(response.streaming_content) if response.streaming else response.content
        with obj.file.open("rb") as stored:
            return body == stored.read()
    title = obj.title if fixture == "step" else str(obj.display_title)
    return title in response.content.decode()


@pytest.mark.parametrize(("view", "fixture"), READ_VIEWS + EDIT_PAGES)
def test_coordinator_reaches_own_city(client, request, coordinator, view, fixture):
    obj = request.getfixturevalue(fixture)
    client.force_login(coordinator)
    assert shows(client.get(url(view, obj)), fixture, obj)


@pytest.mark.parametrize(("view", "fixture"), READ_VIEWS + EDIT_PAGES)
def test_coordinator_gets_404_for_another_city(client, request, coordinator, view, fixture):
    other = request.getfixturevalue(f"other_{fixture}")
    client.force_login(coordinator)
    assert client.get(url(view, other)).status_code == 404


@pytest.mark.parametrize(("view", "fixture"), ALL_OBJECT_VIEWS)
def test_anonymous_is_sent_to_login_and_nothing_changes(client, request, view, fixture):
    obj = request.getfixturevalue(fixture)
    before = snapshot()
    for method in ("get", "post"):
        response = getattr(client, method)(url(view, obj), post_data(view, obj))
        if method == "get" and response.status_code == 405:
            continue
        assert response.status_code == 302, (method, response.status_code)
        assert response["Location"].startswith(reverse("account_login"))
        assert "next=" in response["Location"]
    assert snapshot() == before


@pytest.mark.parametrize(("view", "fixture"), WRITE_VIEWS)
def test_coordinator_posting_to_another_city_gets_404_and_nothing_changes(
    client, request, coordinator, view, fixture
):
    other = request.getfixturevalue(f"other_{fixture}")
    client.force_login(coordinator)
    before = snapshot()
    response = client.post(url(view, other), post_data(view, other))
    assert response.status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize(
    ("view", "fixture"),
    [v for v in WRITE_VIEWS if v[0] != "workspace:comment_add"],
)
def test_coordinator_changes_own_city(client, request, coordinator, view, fixture):
    obj = request.getfixturevalue(fixture)
    client.force_login(coordinator)
    before = snapshot()
    response = client.post(url(view, obj), post_data(view, obj))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert snapshot() != before


@pytest.mark.parametrize(("view", "fixture"), ALL_OBJECT_VIEWS)
def test_lead_staff_reach_every_city(client, request, lead_staff, view, fixture):
    client.force_login(lead_staff)
    for obj in (request.getfixturevalue(fixture), request.getfixturevalue(f"other_{fixture}")):
        if (view, fixture) in WRITE_VIEWS:
            before = snapshot()
            response = client.post(url(view, obj), post_data(view, obj))
            assert response.status_code == 302, response.content.decode()[:2000]
            assert snapshot() != before
        else:
            assert client.get(url(view, obj)).status_code == 200


@pytest.mark.parametrize(("view", "fixture"), READ_VIEWS)
def test_lead_expert_reads_every_city(client, request, lead_expert, view, fixture):
    client.force_login(lead_expert)
    for obj in (request.getfixturevalue(fixture), request.getfixturevalue(f"other_{fixture}")):
        assert shows(client.get(url(view, obj)), fixture, obj)


@pytest.mark.parametrize(
    ("view", "fixture"), [v for v in WRITE_VIEWS if v[0] != "workspace:comment_add"] + EDIT_PAGES
)
def test_lead_expert_cannot_change_progress(client, request, lead_expert, view, fixture):
    obj = request.getfixturevalue(fixture)
    client.force_login(lead_expert)
    before = snapshot()
    assert client.post(url(view, obj), post_data(view, obj)).status_code == 403
    assert snapshot() == before


def test_only_lead_staff_and_lead_expert_comment(
    client, coordinator, lead_expert, lead_staff, step
):
    client.force_login(coordinator)
    before = snapshot()
    assert client.post(url("workspace:comment_add", step), {"body": "Me"}).status_code == 403
    assert snapshot() == before
    for person in (lead_expert, lead_staff):
        client.force_login(person)
        response = client.post(url("workspace:comment_add", step), {"body": "Well done"})
        assert response.status_code == 302


# --- Pages without an object in the URL --------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        reverse("workspace:home"),
        reverse("workspace:network"),
        reverse("workspace:changes"),
        reverse("workspace:step_add"),
        reverse("workspace:export", kwargs={"fmt": "csv"}),
        reverse("workspace:export", kwargs={"fmt": "xlsx"}),
    ],
)
def test_anonymous_is_sent_to_login_from_every_page(client, db, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_network_overview_is_for_lead_staff_and_lead_expert(
    client, coordinator, lead_staff, lead_expert, step
):
    client.force_login(coordinator)
    assert client.get(reverse("workspace:network")).status_code == 403
    assert client.get(reverse("workspace:changes")).status_code == 403
    for person in (lead_staff, lead_expert):
        client.force_login(person)
        assert client.get(reverse("workspace:network")).status_code == 200
        assert client.get(reverse("workspace:changes")).status_code == 200


def test_home_lists_only_own_city(client, coordinator, step, other_step, deliverable):
    client.force_login(coordinator)
    page = client.get(reverse("workspace:home")).content.decode()
    assert step.title in page
    assert other_step.title not in page
    assert reverse("workspace:deliverable_detail", kwargs={"pk": deliverable.pk}) in page


def test_step_add_with_another_citys_transfer_is_404(client, coordinator, transfer, other_transfer):
    client.force_login(coordinator)
    add = reverse("workspace:step_add")
    assert client.get(add, {"transfer": transfer.pk}).status_code == 200
    assert client.get(add, {"transfer": other_transfer.pk}).status_code == 404
    before = snapshot()
    response = client.post(
        add,
        {
            "transfer": other_transfer.pk,
            "phase": "adapt",
            "title": "Planted step",
            "due_date": in_days(10),
            "status": "planned",
            "progress": 0,
            "notes": "",
        },
    )
    assert response.status_code == 404
    assert snapshot() == before


def test_coordinator_adds_a_step_to_own_transfer(client, coordinator, transfer):
    client.force_login(coordinator)
    response = client.post(
        reverse("workspace:step_add"),
        {
            "transfer": transfer.pk,
            "phase": "adapt",
            "title": "Train the night-time mediators",
            "due_date": in_days(10),
            "status": "planned",
            "progress": 0,
            "notes": "",
        },
    )
    assert response.status_code == 302
    new = transfer.steps.get(title="Train the night-time mediators")
    assert new.updated_by == coordinator
    assert new.history.get().history_user == coordinator


def test_tampered_transfer_field_on_edit_does_not_move_the_step(
    client, coordinator, step, other_transfer
):
    client.force_login(coordinator)
    data = {
        "status": "in_progress",
        "progress": 50,
        "due_date": in_days(5),
        "notes": "",
        "version": step.version,
        "transfer": other_transfer.pk,
    }
    response = client.post(url("workspace:step_edit", step), data)
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.transfer_id != other_transfer.pk
    assert step.progress == 50


def test_lead_expert_cannot_add_steps(client, lead_expert, transfer):
    client.force_login(lead_expert)
    assert client.get(reverse("workspace:step_add")).status_code == 403


def test_network_level_deliverable_is_hidden_from_coordinators(client, coordinator, network):
    from tests.factories import DeliverableFactory

    report = DeliverableFactory(city=None, network=network, kind="final_network_report")
    client.force_login(coordinator)
    assert client.get(url("workspace:deliverable_detail", report)).status_code == 404


def test_file_links_of_another_city_are_404_even_when_guessed(
    client, coordinator, other_evidence, other_upload
):
    client.force_login(coordinator)
    for view, obj in (
        ("workspace:evidence_download", other_evidence),
        ("workspace:deliverable_download", other_upload),
    ):
        response = client.get(url(view, obj))
        assert response.status_code == 404
        assert b"%PDF" not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_lead_staff_add_steps_to_any_city(client, lead_staff, transfer, other_transfer):
    client.force_login(lead_staff)
    for target in (transfer, other_transfer):
        response = client.post(
            reverse("workspace:step_add"),
            {
                "transfer": target.pk,
                "phase": "reuse",
                "title": f"Report to URBACT for {target.city}",
                "due_date": in_days(15),
                "status": "planned",
                "progress": 0,
                "notes": "",
            },
        )
        assert response.status_code == 302
        assert target.steps.filter(title__startswith="Report to URBACT").exists()


def test_ulg_coordinator_edits_own_city(client, city, step, other_step):
    from cities.models import Membership
    from tests.factories import MembershipFactory, UserFactory

    ulg = UserFactory(email="ulg@example.org")
    MembershipFactory(user=ulg, city=city, role=Membership.Role.ULG_COORDINATOR)
    client.force_login(ulg)
    assert client.get(url("workspace:step_edit", step)).status_code == 200
    assert client.get(url("workspace:step_edit", other_step)).status_code == 404


@pytest.mark.parametrize("person", ["lead_staff", "lead_expert"])
def test_network_followers_see_every_city_on_home_and_export(
    client, request, person, step, other_step
):
    client.force_login(request.getfixturevalue(person))
    page = client.get(reverse("workspace:home")).content.decode()
    assert step.title in page and other_step.title in page
    export = client.get("/en/workspace/export/csv/").content.decode("utf-8-sig")
    assert step.title in export and other_step.title in export


def test_someone_without_a_role_sees_nothing(client, step, deliverable):
    from tests.factories import UserFactory

    client.force_login(UserFactory(email="nobody@example.org"))
    # The workspace is not theirs: every page of it is the "no role" page, naming nothing.
    for path in (
        reverse("workspace:home"),
        url("workspace:step_detail", step),
        url("workspace:deliverable_detail", deliverable),
        reverse("workspace:step_add"),
    ):
        response = client.get(path)
        assert response.status_code == 403
        page = response.content.decode()
        assert "Δεν έχετε ρόλο σε αυτό το δίκτυο" in page  # the site's default language
        assert step.title not in page
