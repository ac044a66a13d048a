"""Files in the admin: uploads are checked, private files open only through a permission check."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from practices.models import Deliverable, DeliverableUpload
from tests.factories import DeliverableFactory, UserFactory, activate_totp
from tests.operations.test_uploads import HTML, PDF, SVG

pytestmark = pytest.mark.django_db


@pytest.fixture
def deliverable_with_file(city):
    deliverable = DeliverableFactory(city=city)
    deliverable.file.save("plan.pdf", ContentFile(PDF))
    return deliverable


def test_a_deliverable_file_uploaded_in_the_admin_is_linked_through_a_permission_check(
    client, lead_staff, city
):
    deliverable = DeliverableFactory(city=city)
    client.force_login(lead_staff)
    response = client.post(
        reverse("admin:practices_deliverableupload_add"),
        {"deliverable": deliverable.pk, "file": SimpleUploadedFile("plan.pdf", PDF)},
    )
    assert response.status_code == 302
    upload = DeliverableUpload.objects.get(deliverable=deliverable)
    assert upload.file.name.startswith("deliverables/") and "plan" not in upload.file.name
    page = client.get(reverse("admin:practices_deliverable_change", args=[deliverable.pk]))
    link = reverse("workspace:deliverable_download", args=[upload.pk])
    assert f'href="{link}"' in page.content.decode()
    download = client.get(link)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == PDF


def test_private_file_link_needs_admin_and_view_permission(client, deliverable_with_file, city):
    link = reverse(
        "admin_private_file", args=["practices", "deliverable", deliverable_with_file.pk, "file"]
    )
    assert client.get(link).status_code == 302  # anonymous: to the login
    helper = UserFactory(email="helper@example.org", is_staff=True)
    activate_totp(helper)
    client.force_login(helper)
    assert client.get(link).status_code == 403  # staff without the permission


@pytest.mark.parametrize(
    "args",
    [
        ["practices", "deliverable", "999999", "file"],
        ["practices", "deliverable", "1", "title"],
        ["news", "article", "1", "cover_image"],  # public storage: not served here
        ["nope", "model", "1", "file"],
    ],
)
def test_private_file_link_answers_404_for_anything_else(client, lead_staff, args):
    client.force_login(lead_staff)
    assert client.get(reverse("admin_private_file", args=args)).status_code == 404


def test_html_disguised_as_pdf_is_refused_in_the_admin(client, lead_staff):
    deliverable = DeliverableFactory()
    client.force_login(lead_staff)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("admin:practices_deliverableupload_add"),
        {"deliverable": deliverable.pk, "file": SimpleUploadedFile("plan.pdf", HTML)},
    )
    assert response.status_code == 200
    assert "This type of file is not accepted" in response.content.decode()
    assert not DeliverableUpload.objects.filter(deliverable=deliverable).exists()
    assert Deliverable.objects.get(pk=deliverable.pk).file.name == ""


def test_svg_cover_image_is_refused(client, lead_staff):
    client.force_login(lead_staff)
    response = client.post(
        reverse("admin:news_article_add"),
        {
            "title_el": "Τίτλος",
            "title_en": "Title",
            "slug": "svg-cover",
            "body_el": "<p>x</p>",
            "body_en": "<p>x</p>",
            "status": "draft",
            "cover_image": SimpleUploadedFile("cover.png", SVG),
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["cover_image"]
