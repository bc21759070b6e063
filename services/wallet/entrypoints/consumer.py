"""wallet's event consumer: a registered user gets their accounts and welcome grant (if no call opened them), and
the order saga's payment commands and credit's disbursals and collections are answered."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

from agora.events.v1.credit_pb2 import InstalmentCollectionRequested, LoanDisbursementRequested
from agora.events.v1.identity_pb2 import UserRegistered
from agora.events.v1.orders_pb2 import PaymentRequested, RefundRequested
from services.platform.bus import Message, Subscription
from services.platform.events import Event, unwrap
from services.wallet.entrypoints.messages import money_of, user_id_of
from services.wallet.service_layer import WalletService


def subscriptions(service: WalletService, namespace: str) -> list[Subscription]:
    async def on_user_registered(message: Message) -> None:
        payload = unwrap(message.body).payload
        assert isinstance(payload, UserRegistered)
        # Opening is idempotent by itself (one grant per user), so no handled-events record is needed.
        await service.open_accounts(uuid.UUID(payload.user_id), payload.username)

    async def charge(command: Event) -> None:
        payload = command.payload
        assert isinstance(payload, PaymentRequested)
        await service.charge_order(
            payload.order_id, user_id_of(payload.user_id), money_of(payload.amount), causation_id=command.id
        )

    async def refund(command: Event) -> None:
        payload = command.payload
        assert isinstance(payload, RefundRequested)
        await service.refund_order(payload.order_id, causation_id=command.id)

    order_commands: dict[str, Callable[[Event], Awaitable[None]]] = {
        "orders.payment_requested": charge,
        "orders.refund_requested": refund,
    }

    async def on_order_command(message: Message) -> None:
        command = unwrap(message.body)
        # Both answer a redelivery as they answered first (the order's key remembers), so no handled-events record.
        await order_commands[command.envelope.type](command)

    async def disburse(command: Event) -> None:
        payload = command.payload
        assert isinstance(payload, LoanDisbursementRequested)
        await service.disburse_loan(
            payload.loan_id, user_id_of(payload.user_id), money_of(payload.amount), causation_id=command.id
        )

    async def collect(command: Event) -> None:
        payload = command.payload
        assert isinstance(payload, InstalmentCollectionRequested)
        await service.collect_instalment(
            payload.payment_id,
            payload.attempt,
            user_id_of(payload.user_id),
            money_of(payload.amount),
            causation_id=command.id,
        )

    credit_commands: dict[str, Callable[[Event], Awaitable[None]]] = {
        "credit.loan_disbursement_requested": disburse,
        "credit.instalment_collection_requested": collect,
    }

    async def on_credit_command(message: Message) -> None:
        command = unwrap(message.body)
        # Both answer a redelivery as they answered first (their idempotency keys remember): no handled-events record.
        await credit_commands[command.envelope.type](command)

    return [
        Subscription(
            queue=f"{namespace}.wallet.credit",
            routing_keys=list(credit_commands),
            handler=on_credit_command,
        ),
        Subscription(
            queue=f"{namespace}.wallet.user-events",
            routing_keys=["identity.user_registered"],
            handler=on_user_registered,
        ),
        Subscription(
            queue=f"{namespace}.wallet.orders",
            routing_keys=list(order_commands),
            handler=on_order_command,
        ),
    ]
