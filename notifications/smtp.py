"""The SMTP backend of the outbox: it tells the outbox the moment the message is handed over.

Up to the DATA command nothing can reach a mailbox: an email whose sender dies before that point
may safely be sent again. From DATA on the server may have the message, so the outbox records the
hand-over first (``before_data`` on the message, see ``services.deliver_email``) and never sends
such an email again by itself.
"""

import smtplib

from django.core.mail.backends.smtp import EmailBackend as DjangoSMTPBackend
from django.core.mail.message import sanitize_address


class EmailBackend(DjangoSMTPBackend):
    def _send(self, email_message):
        before_data = getattr(email_message, "before_data", None)
        if before_data is None:
            return super()._send(email_message)
        if not email_message.recipients():
            return False
        encoding = email_message.encoding or "utf-8"
        from_email = sanitize_address(email_message.from_email, encoding)
        recipients = [sanitize_address(address, encoding) for address in email_message.recipients()]
        message = email_message.message().as_bytes(linesep="\r\n")
        smtp = self.connection
        smtp.ehlo_or_helo_if_needed()
        code, reply = smtp.mail(from_email)
        if code != 250:
            smtp.rset()
            raise smtplib.SMTPSenderRefused(code, reply, from_email)
        refused = {}
        for recipient in recipients:
            code, reply = smtp.rcpt(recipient)
            if code not in (250, 251):
                refused[recipient] = (code, reply)
        if len(refused) == len(recipients):
            smtp.rset()
            raise smtplib.SMTPRecipientsRefused(refused)
        try:
            before_data()
        except Exception:
            smtp.rset()
            raise
        email_message.handed_over = True
        code, reply = smtp.data(message)
        if code != 250:
            smtp.rset()
            raise smtplib.SMTPDataError(code, reply)
        return True
