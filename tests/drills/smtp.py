"""A local SMTP server (aiosmtpd) that records what it was sent and misbehaves on request."""

import asyncio
import email
import email.policy
import threading
import time
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller

from .servers import free_port

ACCEPT, REFUSE, STALL = "accept", "refuse", "stall"


@dataclass
class Attempt:
    address: str
    at: float
    outcome: str


@dataclass
class RecordingSMTPServer:
    """``scripts`` maps an address to the outcome of its next attempts (then: accept);
    ``hold_after`` holds the recipient command of the message after that many were received,
    until ``release`` is set (``holding`` tells the test it happened).
    """

    stall_seconds: float = 3.0
    scripts: dict[str, list[str]] = field(default_factory=dict)
    hold_after: int | None = None
    attempts: list[Attempt] = field(default_factory=list)
    received: list[email.message.EmailMessage] = field(default_factory=list)
    holding: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self):
        self.port = free_port()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> None:
        self._controller.start()

    def stop(self) -> None:
        self.release.set()
        self._controller.stop()

    def subjects_to(self, address: str) -> list[str]:
        return [str(message["Subject"]) for message in self.received if message["To"] == address]

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        script = self.scripts.get(address)
        outcome = script.pop(0) if script else ACCEPT
        self.attempts.append(Attempt(address, time.monotonic(), outcome))
        if outcome == REFUSE:
            return "451 4.3.0 Mailbox busy, try again later"
        if outcome == STALL:
            await asyncio.sleep(self.stall_seconds)
            return "451 4.4.2 Too slow"
        if self.hold_after is not None and len(self.received) >= self.hold_after:
            self.hold_after = None
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return "421 4.4.2 The client went away"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 Message accepted for delivery"
