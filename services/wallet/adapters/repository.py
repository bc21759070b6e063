"""wallet's ledger over one SQLAlchemy session: holders, accounts, postings, history and idempotency keys; on
PostgreSQL its hot paths run straight on asyncpg (PostgresLedger)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, func, literal, or_, select, tuple_, union_all, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.platform.db import Driver, conflict_dialect, driver_connection
from services.wallet.adapters.orm import accounts, entries, holders, idempotency_keys, transactions
from services.wallet.domain import (
    Counterparty,
    MerchSummary,
    Money,
    Posting,
    Transaction,
    TransactionKind,
    check_balanced,
)


@dataclass(frozen=True)
class Account:
    id: uuid.UUID
    user_id: uuid.UUID
    currency: str
    balance: int


@dataclass(frozen=True)
class NewTransaction:
    """A ledger transaction to write: its summary row and the postings that make it."""

    id: uuid.UUID
    kind: TransactionKind
    user_id: uuid.UUID
    amount: Money
    postings: list[Posting]
    created_at: datetime
    counterparty_id: uuid.UUID | None = None
    reference: str = ""
    rate: str | None = None


@dataclass(frozen=True)
class KeyClaim:
    """An idempotency key someone used before: what they asked for, and the transaction it made or the code it
    was refused with for good."""

    fingerprint: str
    transaction_id: uuid.UUID | None
    refusal: str | None


def balance_changes(postings: Sequence[Posting], owners: dict[uuid.UUID, uuid.UUID]) -> dict[uuid.UUID, int]:
    """How much each user account among the postings changes by (system accounts keep no balance here)."""
    changes: dict[uuid.UUID, int] = {}
    for posting in postings:
        if posting.account_id in owners:
            changes[posting.account_id] = changes.get(posting.account_id, 0) + posting.amount
    return changes


def merch_summary_of(rows: Iterable[tuple[str, str, int]]) -> MerchSummary:
    """The merch summary from its query's rows: (section, key, value) with sections coins, inventory, received
    and sent."""
    found: dict[str, list[tuple[str, int]]] = {"coins": [], "inventory": [], "received": [], "sent": []}
    for section, key, value in rows:
        found[section].append((key, value))
    return MerchSummary(
        coins=found["coins"][0][1] if found["coins"] else 0,
        inventory=sorted(found["inventory"]),
        received=sorted(found["received"]),
        sent=sorted(found["sent"]),
    )


class Ledger:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self._dialect = conflict_dialect(session)

    def _insert(self, table: Any) -> Any:
        """An INSERT with the dialect's ON CONFLICT clauses (PostgreSQL's and SQLite's read alike)."""
        return self._dialect.insert(table)

    async def add_holder(self, user_id: uuid.UUID, username: str) -> None:
        """Records who holds accounts under which name; does nothing the second time."""
        await self.session.execute(
            self._insert(holders)
            .values(user_id=user_id, username=username, username_key=username.lower())
            .on_conflict_do_nothing()
        )

    async def sender_and_recipient(
        self, sender_id: uuid.UUID, recipient_name: str
    ) -> tuple[Counterparty | None, Counterparty | None]:
        """Both sides of a transfer in one query: the sender by id, the recipient by name."""
        rows = await self.session.execute(
            select(holders).where(or_(holders.c.user_id == sender_id, holders.c.username_key == recipient_name.lower()))
        )
        found = {row.username_key: Counterparty(row.user_id, row.username) for row in rows}
        sender = next((holder for holder in found.values() if holder.user_id == sender_id), None)
        return sender, found.get(recipient_name.lower())

    async def holder(self, user_id: uuid.UUID) -> Counterparty | None:
        row = (await self.session.execute(select(holders).where(holders.c.user_id == user_id))).first()
        return Counterparty(row.user_id, row.username) if row else None

    async def open_account(self, user_id: uuid.UUID, currency: str) -> None:
        """Opens the user's account in `currency` with a zero balance; does nothing if it is open."""
        await self.session.execute(
            self._insert(accounts)
            .values(id=uuid.uuid4(), user_id=user_id, currency=currency, balance=0)
            .on_conflict_do_nothing(index_elements=[accounts.c.user_id, accounts.c.currency])
        )

    async def lock_accounts(
        self, keys: Iterable[tuple[uuid.UUID, str]], *, opening: Iterable[tuple[uuid.UUID, str]] = ()
    ) -> dict[tuple[uuid.UUID, str], Account]:
        """Locks the users' accounts in account id order, so concurrent postings never deadlock.

        Accounts named in `opening` are opened first when missing (then all are locked again, in order);
        the others are returned only if they exist.
        """
        wanted = sorted(set(keys))
        locked = await self._lock(wanted)
        missing = sorted(key for key in set(opening) if key not in locked)
        if not missing:
            return locked
        for user_id, currency in missing:
            await self.open_account(user_id, currency)
        return await self._lock(wanted)

    async def _lock(self, keys: list[tuple[uuid.UUID, str]]) -> dict[tuple[uuid.UUID, str], Account]:
        rows = await self.session.execute(
            select(accounts.c.id, accounts.c.user_id, accounts.c.currency, accounts.c.balance)
            .where(tuple_(accounts.c.user_id, accounts.c.currency).in_(keys))
            .order_by(accounts.c.id)
            .with_for_update()
        )
        return {(row.user_id, row.currency): Account(row.id, row.user_id, row.currency, row.balance) for row in rows}

    async def balances(self, user_id: uuid.UUID) -> list[Money]:
        rows = await self.session.execute(
            select(accounts.c.currency, accounts.c.balance)
            .where(accounts.c.user_id == user_id)
            .order_by(accounts.c.currency)
        )
        return [Money(row.balance, row.currency) for row in rows]

    async def record(self, new: NewTransaction, owners: dict[uuid.UUID, uuid.UUID]) -> None:
        """Writes the transaction, its entries and the user accounts' new balances.

        `owners` maps each user account among the postings to its user; other accounts are system accounts.
        The balances change by the postings in one statement each; the database refuses a negative balance.
        """
        check_balanced(new.postings)
        await self.session.execute(
            transactions.insert().values(
                id=new.id,
                kind=new.kind.value,
                user_id=new.user_id,
                counterparty_id=new.counterparty_id,
                amount=new.amount.amount,
                currency=new.amount.currency,
                reference=new.reference,
                rate=new.rate,
                created_at=new.created_at,
            )
        )
        await self.session.execute(
            entries.insert(),
            [
                {
                    "transaction_id": new.id,
                    "account_id": posting.account_id,
                    "user_id": owners.get(posting.account_id),
                    "amount": posting.amount,
                    "currency": posting.currency,
                }
                for posting in new.postings
            ],
        )
        changes = balance_changes(new.postings, owners)
        # One statement for every user account of the posting set (rows are locked already).
        await self.session.execute(
            update(accounts)
            .where(accounts.c.id.in_(list(changes)))
            .values(balance=accounts.c.balance + case(changes, value=accounts.c.id))
        )

    async def charge(self, charge_id: uuid.UUID) -> tuple[uuid.UUID, Money] | None:
        """The charged user and amount of a charge."""
        row = (
            await self.session.execute(
                select(transactions.c.user_id, transactions.c.amount, transactions.c.currency).where(
                    transactions.c.id == charge_id, transactions.c.kind == TransactionKind.CHARGE.value
                )
            )
        ).first()
        return (row.user_id, Money(row.amount, row.currency)) if row else None

    async def refund_of(self, charge_id: uuid.UUID) -> uuid.UUID | None:
        return (
            await self.session.execute(
                select(transactions.c.id).where(
                    transactions.c.kind == TransactionKind.REFUND.value, transactions.c.reference == str(charge_id)
                )
            )
        ).scalar_one_or_none()

    async def has_grant(self, user_id: uuid.UUID) -> bool:
        found = await self.session.execute(
            select(transactions.c.id).where(
                transactions.c.user_id == user_id, transactions.c.kind == TransactionKind.GRANT.value
            )
        )
        return found.first() is not None

    async def history(self, user_id: uuid.UUID, before: uuid.UUID | None, limit: int) -> list[Transaction]:
        """The user's transactions, newest first, older than `before`."""
        statement = select(entries.c.transaction_id).where(entries.c.user_id == user_id)
        if before is not None:
            statement = statement.where(entries.c.transaction_id < before)
        newest_first = statement.group_by(entries.c.transaction_id).order_by(entries.c.transaction_id.desc())
        ids: list[uuid.UUID] = list((await self.session.execute(newest_first.limit(limit))).scalars())
        return await self.transactions_seen_by(user_id, ids)

    async def replay(self, transaction_id: uuid.UUID) -> Transaction:
        """A transaction as the user it was for sees it (for a retried idempotency key)."""
        owner: uuid.UUID = (
            await self.session.execute(select(transactions.c.user_id).where(transactions.c.id == transaction_id))
        ).scalar_one()
        return (await self.transactions_seen_by(owner, [transaction_id]))[0]

    async def transactions_seen_by(self, user_id: uuid.UUID, ids: Sequence[uuid.UUID]) -> list[Transaction]:
        """The transactions as `user_id` sees them (their own amounts, the other user), in the order given."""
        if not ids:
            return []
        summaries = {
            row.id: row
            for row in await self.session.execute(
                select(transactions, holders.c.username.label("username"))
                .outerjoin(holders, holders.c.user_id == transactions.c.user_id)
                .where(transactions.c.id.in_(ids))
            )
        }
        amounts: dict[uuid.UUID, list[Money]] = {}
        for row in await self.session.execute(
            select(entries.c.transaction_id, entries.c.amount, entries.c.currency)
            .where(entries.c.transaction_id.in_(ids), entries.c.user_id == user_id)
            .order_by(entries.c.id)
        ):
            amounts.setdefault(row.transaction_id, []).append(Money(row.amount, row.currency))
        counterparties = await self._counterparties(user_id, [summaries[i] for i in ids if i in summaries])
        return [
            Transaction(
                id=summary.id,
                kind=TransactionKind(summary.kind),
                amounts=amounts.get(summary.id, []),
                counterparty=counterparties.get(summary.id),
                reference=summary.reference,
                created_at=summary.created_at,
            )
            for summary in (summaries[i] for i in ids if i in summaries)
        ]

    async def _counterparties(self, user_id: uuid.UUID, summaries: list[Any]) -> dict[uuid.UUID, Counterparty]:
        """For each transfer, the user on the other side of it from `user_id`."""
        others = {
            summary.id: summary.counterparty_id if summary.user_id == user_id else summary.user_id
            for summary in summaries
            if summary.kind == TransactionKind.TRANSFER.value and summary.counterparty_id is not None
        }
        if not others:
            return {}
        found = await self.session.execute(
            select(holders.c.user_id, holders.c.username).where(holders.c.user_id.in_(set(others.values())))
        )
        names = {row.user_id: row.username for row in found}
        return {tx: Counterparty(other, names.get(other, "")) for tx, other in others.items()}

    async def merch_summary(self, user_id: uuid.UUID, currency: str) -> MerchSummary:
        """Balance, inventory and coins received and sent per counterparty, in one round trip."""
        transfers = and_(transactions.c.kind == TransactionKind.TRANSFER.value, transactions.c.currency == currency)
        sections = union_all(
            select(literal("coins"), literal(""), accounts.c.balance).where(
                accounts.c.user_id == user_id, accounts.c.currency == currency
            ),
            select(literal("inventory"), transactions.c.reference, func.count())
            .where(transactions.c.user_id == user_id, transactions.c.kind == TransactionKind.PURCHASE.value)
            .group_by(transactions.c.reference),
            select(literal("received"), holders.c.username, func.sum(transactions.c.amount))
            .join(holders, holders.c.user_id == transactions.c.user_id)
            .where(transactions.c.counterparty_id == user_id, transfers)
            .group_by(holders.c.username),
            select(literal("sent"), holders.c.username, func.sum(transactions.c.amount))
            .join(holders, holders.c.user_id == transactions.c.counterparty_id)
            .where(transactions.c.user_id == user_id, transfers)
            .group_by(holders.c.username),
        )
        rows = await self.session.execute(sections)
        return merch_summary_of((str(row[0]), str(row[1]), int(row[2])) for row in rows)

    async def claim_key(self, actor_id: uuid.UUID, key: str, fingerprint: str, now: datetime) -> KeyClaim | None:
        """Takes the idempotency key for this transaction; returns the earlier claim if someone has it.

        On PostgreSQL a claim in another transaction still open makes this wait until that one ends, so a
        key retried concurrently is applied once and the retries see its result.
        """
        claimed = await self.session.execute(
            self._insert(idempotency_keys)
            .values(actor_id=actor_id, key=key, fingerprint=fingerprint, created_at=now)
            .on_conflict_do_nothing()
            .returning(idempotency_keys.c.key)
        )
        if claimed.first() is not None:
            return None
        row = (
            await self.session.execute(
                select(
                    idempotency_keys.c.fingerprint, idempotency_keys.c.transaction_id, idempotency_keys.c.refusal
                ).where(idempotency_keys.c.actor_id == actor_id, idempotency_keys.c.key == key)
            )
        ).one()
        return KeyClaim(row.fingerprint, row.transaction_id, row.refusal)

    async def settle_key(self, actor_id: uuid.UUID, key: str, transaction_id: uuid.UUID) -> None:
        await self._settle(actor_id, key, transaction_id=transaction_id)

    async def refuse_key(self, actor_id: uuid.UUID, key: str, refusal: str) -> None:
        """Settles the key with the code its request was refused with: no transaction will ever follow it."""
        await self._settle(actor_id, key, refusal=refusal)

    async def _settle(self, actor_id: uuid.UUID, key: str, **outcome: object) -> None:
        await self.session.execute(
            update(idempotency_keys)
            .where(idempotency_keys.c.actor_id == actor_id, idempotency_keys.c.key == key)
            .values(**outcome)
        )

    async def conversion_rate(self, transaction_id: uuid.UUID) -> str:
        rate: str | None = (
            await self.session.execute(select(transactions.c.rate).where(transactions.c.id == transaction_id))
        ).scalar_one()
        return str(rate or "")


# PostgreSQL's statements for the ledger's hot paths (the merch shop's info, buys and transfers), run straight on
# asyncpg; each does what the Ledger method it replaces does, in one round trip.
SENDER_AND_RECIPIENT = "SELECT user_id, username, username_key FROM holders WHERE user_id = $1 OR username_key = $2"
LOCK_ACCOUNTS = """
SELECT id, user_id, currency, balance FROM accounts
WHERE (user_id, currency) IN (SELECT * FROM unnest($1::uuid[], $2::varchar[]))
ORDER BY id FOR UPDATE
"""
RECORD = """
WITH new_transaction AS (
    INSERT INTO transactions (id, kind, user_id, counterparty_id, amount, currency, reference, rate, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
), new_entries AS (
    INSERT INTO entries (transaction_id, account_id, user_id, amount, currency)
    SELECT $1, account_id, user_id, amount, currency
    FROM unnest($10::uuid[], $11::uuid[], $12::bigint[], $13::varchar[])
        WITH ORDINALITY AS posting(account_id, user_id, amount, currency, position)
    ORDER BY position
)
UPDATE accounts SET balance = accounts.balance + change.amount
FROM unnest($14::uuid[], $15::bigint[]) AS change(account_id, amount)
WHERE accounts.id = change.account_id
"""
MERCH_SUMMARY = f"""
SELECT 'coins', '', balance FROM accounts WHERE user_id = $1 AND currency = $2
UNION ALL
SELECT 'inventory', reference, count(*) FROM transactions
WHERE user_id = $1 AND kind = '{TransactionKind.PURCHASE.value}' GROUP BY reference
UNION ALL
SELECT 'received', holders.username, sum(transactions.amount) FROM transactions
JOIN holders ON holders.user_id = transactions.user_id
WHERE counterparty_id = $1 AND kind = '{TransactionKind.TRANSFER.value}' AND currency = $2 GROUP BY holders.username
UNION ALL
SELECT 'sent', holders.username, sum(transactions.amount) FROM transactions
JOIN holders ON holders.user_id = transactions.counterparty_id
WHERE transactions.user_id = $1 AND kind = '{TransactionKind.TRANSFER.value}' AND currency = $2
GROUP BY holders.username
"""


class PostgresLedger(Ledger):
    """The ledger on PostgreSQL: its hot paths straight on asyncpg, the rest as on every database."""

    async def _driver(self) -> Driver:
        driver = await driver_connection(self.session)
        assert driver is not None, "PostgresLedger runs on PostgreSQL only"
        return driver

    async def sender_and_recipient(
        self, sender_id: uuid.UUID, recipient_name: str
    ) -> tuple[Counterparty | None, Counterparty | None]:
        rows = await (await self._driver()).fetch(SENDER_AND_RECIPIENT, sender_id, recipient_name.lower())
        found = {row["username_key"]: Counterparty(row["user_id"], row["username"]) for row in rows}
        sender = next((holder for holder in found.values() if holder.user_id == sender_id), None)
        return sender, found.get(recipient_name.lower())

    async def _lock(self, keys: list[tuple[uuid.UUID, str]]) -> dict[tuple[uuid.UUID, str], Account]:
        users, currencies = [user_id for user_id, _ in keys], [currency for _, currency in keys]
        rows = await (await self._driver()).fetch(LOCK_ACCOUNTS, users, currencies)
        return {(row["user_id"], row["currency"]): Account(*row) for row in rows}

    async def record(self, new: NewTransaction, owners: dict[uuid.UUID, uuid.UUID]) -> None:
        check_balanced(new.postings)
        changes = balance_changes(new.postings, owners)
        await (await self._driver()).execute(
            RECORD,
            new.id, new.kind.value, new.user_id, new.counterparty_id, new.amount.amount, new.amount.currency,
            new.reference, new.rate, new.created_at,
            [p.account_id for p in new.postings], [owners.get(p.account_id) for p in new.postings],
            [p.amount for p in new.postings], [p.currency for p in new.postings],
            list(changes), list(changes.values()),
        )  # fmt: skip

    async def merch_summary(self, user_id: uuid.UUID, currency: str) -> MerchSummary:
        rows = await (await self._driver()).fetch(MERCH_SUMMARY, user_id, currency)
        return merch_summary_of((str(section), str(key), int(value)) for section, key, value in rows)
