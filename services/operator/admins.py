"""`agora create-admin`: an admin made (or a user promoted) straight in identity's and wallet's databases."""

from __future__ import annotations

import getpass
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import SQLAlchemyError

from services.identity.domain import check_credentials_shape
from services.operator.errors import UsageError, database_unreachable
from services.operator.migrations import check_reachable
from services.platform.errors import InvalidArgument
from services.platform.settings import Settings

PASSWORD_VARIABLE = "AGORA_ADMIN_PASSWORD"


async def create_admin(settings: Settings, username: str) -> None:
    """Creates or promotes the admin and opens its wallet (as registration would have)."""
    from services.identity.service import open_identity
    from services.wallet.service import open_wallet

    password = admin_password(username)
    try:
        check_credentials_shape(username, password)
    except InvalidArgument as error:
        raise UsageError(
            str(error), f"choose another (the prompt, or {PASSWORD_VARIABLE} without a terminal)"
        ) from None
    for service in ("identity", "wallet"):
        await check_reachable(settings, service)
    with _database_errors(settings, "identity"):
        identity, _, database = await open_identity(settings)
        try:
            user = await identity.make_admin(username, password)
        finally:
            await database.close()
    with _database_errors(settings, "wallet"):
        wallet, database = await open_wallet(settings)
        try:
            await wallet.open_accounts(user.id, user.username)
        finally:
            await database.close()
    print(f"{user.username} ({user.id}) is an admin")


@contextmanager
def _database_errors(settings: Settings, service: str) -> Iterator[None]:
    try:
        yield
    except (OSError, SQLAlchemyError) as error:
        raise database_unreachable(error, settings.database_url_for(service), settings.database_url) from None


def admin_password(username: str) -> str:
    """AGORA_ADMIN_PASSWORD, else asked for on the terminal; a usage error when there is no terminal to ask on."""
    password = os.environ.get(PASSWORD_VARIABLE)
    if password:
        return password
    with warnings.catch_warnings():
        # getpass falls back to reading stdin with its echo on, warning that it cannot hide it: refuse instead.
        warnings.simplefilter("error", getpass.GetPassWarning)
        try:
            return getpass.getpass(f"password for {username}: ")
        except (getpass.GetPassWarning, EOFError):
            raise UsageError(
                "no terminal to ask for the password on", f"set {PASSWORD_VARIABLE} to create an admin without one"
            ) from None
