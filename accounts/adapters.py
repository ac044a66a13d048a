from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Accounts exist only by invitation from lead staff: public sign-up is closed."""

    def is_open_for_signup(self, request) -> bool:
        return False
