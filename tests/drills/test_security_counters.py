"""Drill: Redis dies in the middle of a brute-force attempt; the counters do not notice.

Sign-in rate limits and the authenticator codes already used live in the database-backed
"security" cache, not in Redis, so an outage neither resets the count nor lets a code be replayed.
"""

import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from django.urls import reverse
from django.utils import translation

from operations import cache as resilient
from tests.factories import totp_code

pytestmark = [pytest.mark.drill, pytest.mark.django_db]

PASSWORD = "correct-horse-battery"


@pytest.fixture
def cache_on_own_redis(settings, own_redis):
    settings.REDIS_URL = own_redis.url
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "operations.cache.ResilientRedisCache",
            "LOCATION": own_redis.url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
    }
    yield own_redis
    resilient.ResilientRedisCacheClient._down_until = 0.0


def _login_url() -> str:
    with translation.override("en"):
        return reverse("account_login")


def _sign_in(client, email: str, password: str):
    return client.post(_login_url(), {"login": email, "password": password})


def test_failed_sign_ins_keep_counting_while_redis_is_down(client, coordinator, cache_on_own_redis):
    # allauth allows 5 failed attempts per account in 5 minutes (ACCOUNT_RATE_LIMITS).
    for _ in range(3):
        assert "_auth_user_id" not in client.session
        response = _sign_in(client, coordinator.email, "wrong password")
        assert response.status_code == 200
        assert "Too many failed login attempts" not in response.content.decode()

    cache_on_own_redis.kill()
    assert client.get("/healthz").json()["checks"]["redis"]["status"] == "error"

    for _ in range(2):
        assert "Too many failed" not in _sign_in(client, coordinator.email, "nope").content.decode()
    # The sixth attempt is refused even with the right password: the count survived the outage.
    response = _sign_in(client, coordinator.email, PASSWORD)
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def _code_with_time_to_spare(secret: str) -> str:
    period = mfa_settings.TOTP_PERIOD
    if period - time.time() % period < 8:
        time.sleep(period - time.time() % period + 0.1)
    return totp_code(secret)


def test_a_used_authenticator_code_stays_used_while_redis_is_down(
    client, lead_staff, cache_on_own_redis
):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import decrypt

    secret = decrypt(Authenticator.objects.get(user=lead_staff).data["secret"])
    code = _code_with_time_to_spare(secret)
    _sign_in(client, lead_staff.email, PASSWORD)
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
    client.logout()

    cache_on_own_redis.kill()
    # Someone who watched the code being typed tries it again, during the outage.
    _sign_in(client, lead_staff.email, PASSWORD)
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302
