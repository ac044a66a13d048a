"""Two-factor authentication for staff: who needs it, and the allauth adapter that keeps it on."""

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator

from cities.selectors import is_lead_staff


def mfa_required(user) -> bool:
    """Everyone who can enter the admin or act for the whole network."""
    return bool(user.is_authenticated and (user.is_staff or is_lead_staff(user)))


def has_totp(user) -> bool:
    cached = getattr(user, "_citisense_has_totp", None)
    if cached is None:
        cached = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        user._citisense_has_totp = cached
    return cached


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        if authenticator.type == Authenticator.Type.TOTP and mfa_required(authenticator.user):
            return False
        return super().can_delete_authenticator(authenticator)

    # allauth stores TOTP secrets and recovery-code seeds as given; a leaked dump or backup
    # would then let anyone compute staff codes. Encrypt them with a key kept outside the
    # database (MFA_ENCRYPTION_KEY, else derived from DJANGO_SECRET_KEY).
    def encrypt(self, text: str) -> str:
        return ENCRYPTED_PREFIX + _fernet().encrypt(text.encode()).decode("ascii")

    def decrypt(self, encrypted_text: str) -> str:
        if not encrypted_text.startswith(ENCRYPTED_PREFIX):
            return encrypted_text  # stored before encryption was switched on
        token = encrypted_text.removeprefix(ENCRYPTED_PREFIX).encode("ascii")
        return _fernet().decrypt(token).decode()


ENCRYPTED_PREFIX = "fernet:"


def _fernet():
    import base64

    from cryptography.fernet import Fernet, MultiFernet
    from django.conf import settings
    from django.utils.crypto import salted_hmac

    if settings.MFA_ENCRYPTION_KEY:
        secrets = [settings.MFA_ENCRYPTION_KEY, *settings.MFA_ENCRYPTION_KEY_FALLBACKS]
    else:
        secrets = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    keys = [
        base64.urlsafe_b64encode(
            salted_hmac("citisense.mfa", "fernet", secret=secret, algorithm="sha256").digest()
        )
        for secret in secrets
    ]
    return MultiFernet([Fernet(key) for key in keys])
