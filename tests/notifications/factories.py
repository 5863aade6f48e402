import factory

from indgang.core import clock
from indgang.notifications.models import Message, MessageChannel, MessageStatus


class MessageFactory(factory.django.DjangoModelFactory):
    """A pending SMS, due now. Bypasses message_enqueue's checks: for ledger states."""

    class Meta:
        model = Message

    kind = "booking.confirmed"
    channel = MessageChannel.SMS
    recipient = factory.Sequence(lambda n: f"+4520{n:06d}")
    body = "Din tid hos Borgerservice er bekræftet."
    idempotency_key = factory.Sequence(lambda n: f"test:{n}")
    reference = factory.Sequence(lambda n: f"booking:{n}")
    status = MessageStatus.PENDING
    max_attempts = 8
    next_attempt_at = factory.LazyFunction(clock.now)
    created_at = factory.LazyFunction(clock.now)
