"""Automatic persisted queries (Apollo's protocol): a client sends the sha256 of a document instead of the
document; the first time it is unknown (PERSISTED_QUERY_NOT_FOUND), the client sends both, and from then on the
hash is enough. Known documents are kept per gateway process, the most recently used first."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Any

from services.gateway.graphql.codes import BAD_USER_INPUT, refusal

PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
KEPT = 1000


class PersistedQueries:
    def __init__(self, size: int = KEPT) -> None:
        self.size = size
        self._queries: OrderedDict[str, str] = OrderedDict()

    def resolved(self, data: Any) -> Any:
        """The request's data with its document filled in from its hash, or kept under its hash."""
        if not isinstance(data, dict):
            return data
        extensions = data.get("extensions")
        persisted = extensions.get("persistedQuery") if isinstance(extensions, dict) else None
        if not isinstance(persisted, dict):
            return data
        digest = persisted.get("sha256Hash")
        if persisted.get("version") != 1 or not isinstance(digest, str):
            raise refusal("persistedQuery needs version 1 and a sha256Hash", "invalid_persisted_query")
        query = data.get("query")
        if query is None:
            known = self._queries.get(digest)
            if known is None:
                raise refusal("PersistedQueryNotFound", "persisted_query_not_found", PERSISTED_QUERY_NOT_FOUND)
            self._queries.move_to_end(digest)
            return {**data, "query": known}
        if not isinstance(query, str) or hashlib.sha256(query.encode()).hexdigest() != digest:
            raise refusal("the sha256Hash is not the query's", "persisted_query_hash_mismatch", BAD_USER_INPUT)
        self._queries[digest] = query
        if len(self._queries) > self.size:
            self._queries.popitem(last=False)
        return data
