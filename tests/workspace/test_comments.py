import pytest
from django.urls import reverse

from tests.workspace.helpers import html

pytestmark = pytest.mark.django_db


def test_lead_staff_comment_is_visible_to_the_citys_coordinator(
    client, lead_staff, coordinator, other_coordinator, step
):
    client.force_login(lead_staff)
    response = client.post(
        reverse("workspace:comment_add", kwargs={"pk": step.pk}),
        {"body": "Please attach the ULG minutes."},
    )
    assert response.status_code == 302
    client.force_login(coordinator)
    page = html(client.get(reverse("workspace:step_detail", kwargs={"pk": step.pk})))
    assert "Please attach the ULG minutes." in page
    assert lead_staff.get_full_name() in page
    # The coordinator reads comments but has no form to write one.
    assert 'name="body"' not in page
    client.force_login(other_coordinator)
    assert client.get(reverse("workspace:step_detail", kwargs={"pk": step.pk})).status_code == 404


def test_lead_expert_comments(client, lead_expert, step):
    client.force_login(lead_expert)
    client.post(
        reverse("workspace:comment_add", kwargs={"pk": step.pk}),
        {"body": "Compare with how Geel did it."},
    )
    assert step.comments.get().author == lead_expert


def test_an_empty_comment_is_refused(client, lead_staff, step):
    client.force_login(lead_staff)
    response = client.post(
        reverse("workspace:comment_add", kwargs={"pk": step.pk}), {"body": "   "}
    )
    assert response.status_code == 200
    assert "body" in response.context["comment_form"].errors
    assert not step.comments.exists()


def test_comment_text_is_escaped(client, lead_staff, coordinator, step):
    client.force_login(lead_staff)
    client.post(
        reverse("workspace:comment_add", kwargs={"pk": step.pk}),
        {"body": "<script>alert(1)</script>"},
    )
    client.force_login(coordinator)
    page = html(client.get(reverse("workspace:step_detail", kwargs={"pk": step.pk})))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
