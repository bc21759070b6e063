"""Money a user moves themselves: a transfer to another user, a purchase from the platform."""

from __future__ import annotations

from services.platform.context import Principal
from services.platform.errors import InvalidArgument
from services.wallet.adapters.events import purchase_completed, transfer_completed
from services.wallet.adapters.unit_of_work import WalletUnitOfWork
from services.wallet.bookkeeping import MAX_REFERENCE_LENGTH, Bookkeeper, funded, seen_by_user
from services.wallet.domain import (
    HolderNotFound,
    InsufficientFunds,
    Money,
    Posting,
    SelfTransfer,
    Transaction,
    TransactionKind,
    checked_amount,
)
from services.wallet.idempotency import IdempotencyKeys, fingerprint
from services.wallet.principals import user_of


class UserPayments:
    def __init__(self, keys: IdempotencyKeys, bookkeeper: Bookkeeper) -> None:
        self.keys = keys
        self.bookkeeper = bookkeeper

    async def transfer(self, principal: Principal | None, to_username: str, amount: Money, key: str) -> Transaction:
        sender_id = user_of(principal)
        checked_amount(amount)

        async def post(uow: WalletUnitOfWork) -> Transaction:
            sender, recipient = await uow.ledger.sender_and_recipient(sender_id, to_username)
            if recipient is None:
                raise HolderNotFound(f"no user {to_username!r}")
            if recipient.user_id == sender_id:
                raise SelfTransfer("you cannot send money to yourself")
            if sender is None:
                raise InsufficientFunds("your wallet has no money yet")
            receiving = (recipient.user_id, amount.currency)
            locked = await uow.ledger.lock_accounts([(sender_id, amount.currency), receiving], opening=[receiving])
            source = funded(locked.get((sender_id, amount.currency)), amount)
            target = locked[(recipient.user_id, amount.currency)]
            transfer = await self.bookkeeper.record(
                uow,
                TransactionKind.TRANSFER,
                sender_id,
                amount,
                [
                    Posting(source.id, -amount.amount, amount.currency),
                    Posting(target.id, amount.amount, amount.currency),
                ],
                {source.id: sender_id, target.id: recipient.user_id},
                counterparty_id=recipient.user_id,
            )
            await uow.outbox.add(transfer_completed(str(transfer.id), sender, recipient, amount))
            return seen_by_user(transfer, recipient)

        request = fingerprint("transfer", to_username, amount.amount, amount.currency)
        return await self.keys.post_once(sender_id, key, request, post)

    async def purchase(self, principal: Principal | None, item: str, price: Money, key: str) -> Transaction:
        """Pays `price` for one `item`, which joins the buyer's inventory in the same transaction."""
        buyer_id = user_of(principal)
        checked_amount(price)
        if not 0 < len(item) <= MAX_REFERENCE_LENGTH:
            raise InvalidArgument(f"an item name has 1 to {MAX_REFERENCE_LENGTH} characters")

        async def post(uow: WalletUnitOfWork) -> Transaction:
            purchase = await self.bookkeeper.pay_platform(uow, TransactionKind.PURCHASE, buyer_id, price, item)
            await uow.outbox.add(purchase_completed(str(purchase.id), str(buyer_id), item, price))
            return seen_by_user(purchase)

        request = fingerprint("purchase", item, price.amount, price.currency)
        return await self.keys.post_once(buyer_id, key, request, post)
