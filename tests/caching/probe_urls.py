"""Pages that do what no public page should do, to prove the cache refuses to keep them."""

from django.contrib import messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path


def plain(request):
    return HttpResponse("the same for everyone")


def with_message(request):
    messages.info(request, "Saved.")
    return HttpResponse("a page that queues a message")


def with_form(request):
    return HttpResponse(f'<input type="hidden" value="{get_token(request)}">')


def with_cookie(request):
    response = HttpResponse("a page that sets a cookie")
    response.set_cookie("seen", "1")
    return response


def not_found(request):
    return HttpResponse("gone", status=404)


urlpatterns = [
    path("plain/", plain, name="plain"),
    path("message/", with_message, name="message"),
    path("form/", with_form, name="form"),
    path("cookie/", with_cookie, name="cookie"),
    path("missing/", not_found, name="missing"),
]
