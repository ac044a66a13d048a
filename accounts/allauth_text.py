"""allauth's own words that appear on our account pages and messages.

Marking the same msgids here brings them into the project's catalogue, which Django consults
before allauth's, so that the Greek matches the rest of the portal ("κωδικός πρόσβασης"
throughout) instead of allauth's mixed wording. Nothing imports this module.
"""

from django.utils.translation import gettext_noop

ALLAUTH_TEXT = [
    gettext_noop("Password"),
    gettext_noop("Password (again)"),
    gettext_noop("Current Password"),
    gettext_noop("New Password"),
    gettext_noop("New Password (again)"),
    gettext_noop("Forgot your password?"),
    gettext_noop("Remember Me"),
    gettext_noop("Email"),
    gettext_noop("Email address"),
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("Please type your current password."),
    gettext_noop("You must type the same password each time."),
    gettext_noop("The password reset token was invalid."),
    gettext_noop("Successfully signed in as %(name)s."),
    gettext_noop("You have signed out."),
    gettext_noop("Password successfully changed."),
    gettext_noop("Password successfully set."),
    gettext_noop("Confirmation email sent to %(email)s."),
    gettext_noop("You have confirmed %(email)s."),
    gettext_noop("Primary email address set."),
    gettext_noop("Removed email address %(email)s."),
]
