"""With Redis down the site keeps working: the cache degrades to "nothing cached"."""

import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from operations import cache as resilient
from tests.factories import NetworkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "operations.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
    }
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    yield
    resilient.ResilientRedisCacheClient._down_until = 0.0


def test_cache_calls_answer_like_an_empty_cache(redis_down):
    assert cache.get("anything", "fallback") == "fallback"
    cache.set("key", "value")
    assert cache.get("key") is None
    assert cache.add("lock", 1) is True
    assert cache.get_many(["a", "b"]) == {}
    assert cache.delete("key") is False
    with pytest.raises(ValueError, match="unavailable"):
        cache.incr("counter")


def test_after_a_failure_redis_is_left_alone_for_a_moment(redis_down):
    cache.get("first")
    started = time.monotonic()
    for _ in range(200):
        cache.get("again")
    assert time.monotonic() - started < 0.5


def test_public_pages_and_sign_in_work_without_redis(client, redis_down, coordinator):
    NetworkFactory()
    assert client.get("/el/").status_code == 200
    assert client.get(reverse("privacy:policy")).status_code == 200
    response = client.post(
        reverse("account_login"),
        {"login": coordinator.email, "password": "correct-horse-battery"},
    )
    assert response.status_code == 302
    assert client.get(reverse("privacy:my_data")).status_code == 200
    assert client.get("/healthz").status_code == 503


def test_staff_sign_in_with_a_code_works_without_redis(client, redis_down, lead_staff):
    """allauth remembers used codes in the cache; an outage must not lock staff out."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import decrypt

    from tests.factories import totp_code

    secret = decrypt(Authenticator.objects.get(user=lead_staff).data["secret"])
    client.post(
        reverse("account_login"), {"login": lead_staff.email, "password": "correct-horse-battery"}
    )
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_working_cache_is_used_when_redis_is_up():
    cache.set("key", "value", 30)
    assert cache.get("key") == "value"
