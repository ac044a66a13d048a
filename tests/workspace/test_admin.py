"""The admin shows workspace files and history without ever exposing a file by URL."""

import pytest
from django.urls import reverse

from practices.models import StepEvidence
from tests.workspace import files
from tests.workspace.helpers import html, snapshot

pytestmark = pytest.mark.django_db


def test_admin_pages_of_objects_with_files_render(client, lead_staff, evidence, upload):
    client.force_login(lead_staff)
    for url in (
        reverse("admin:practices_stepevidence_change", args=[evidence.pk]),
        reverse("admin:practices_deliverableupload_change", args=[upload.pk]),
        reverse("admin:practices_deliverable_change", args=[upload.deliverable_id]),
        reverse("admin:practices_transferstep_change", args=[evidence.step_id]),
        reverse("admin:practices_deliverable_history", args=[upload.deliverable_id]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        page = html(response)
        # Stored names may be listed (in history), but nothing links to them directly.
        for stored in (evidence.file.name, upload.file.name):
            assert f"/{stored}" not in page


def test_admin_upload_checks_the_content(client, lead_staff, step):
    client.force_login(lead_staff)
    add = reverse("admin:practices_stepevidence_add")
    before = snapshot()
    response = client.post(add, {"step": step.pk, "file": files.html_as_pdf(), "description": ""})
    assert response.status_code == 200
    assert snapshot() == before
    response = client.post(add, {"step": step.pk, "file": files.pdf("scan.pdf"), "description": ""})
    assert response.status_code == 302
    evidence = StepEvidence.objects.get()
    assert (evidence.original_name, evidence.uploaded_by) == ("scan.pdf", lead_staff)


def test_admin_comment_is_signed_by_its_author(client, lead_staff, step):
    client.force_login(lead_staff)
    client.post(reverse("admin:practices_stepcomment_add"), {"step": step.pk, "body": "Good."})
    assert step.comments.get().author == lead_staff
