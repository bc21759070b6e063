"""Settings read from `AGORA_*` environment variables; the defaults are the embedded, one-process platform."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal, get_args

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

ServiceName = Literal[
    "identity", "catalog", "notifications", "wallet", "customers", "orders", "reviews", "scoring", "credit"
]
SERVICES: tuple[str, ...] = get_args(ServiceName)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AGORA_", frozen=True)

    data_dir: Path = Path(".agora")
    # `{service}` and `{data_dir}` are filled in per service: one database per service.
    database_url: str = "sqlite+aiosqlite:///{data_dir}/{service}.db"
    # Connections each service process may open and keeps open. Every process of every service counts against
    # PostgreSQL's max_connections (100 by default).
    database_pool_size: int = 10
    # Unset: idempotency records live in process memory (embedded mode).
    redis_url: str | None = None
    # Unset: events travel in-process (embedded mode), which reaches only services in the same process.
    amqp_url: str | None = None
    # Names the exchange (`<namespace>.events`) and prefixes every queue, so platforms can share a broker.
    event_namespace: str = "agora"

    log_level: str = "INFO"
    # Unset: text for `agora dev`, JSON lines for `agora serve` and `agora up`.
    log_format: Literal["json", "text"] | None = None
    # One access-log line per HTTP request at the gateway (`agora.access`); a request slower than the threshold
    # is logged as a warning even when access logs are off.
    access_log: bool = True
    slow_request_seconds: float = 1.0

    # Prometheus: the port a service run alone serves /metrics on (unset: none; the gateway serves /metrics on
    # its own port), the host it binds ("0.0.0.0" in a container), and how often the gauges that need a query
    # are sampled.
    metrics_port: int | None = None
    metrics_host: str = "127.0.0.1"
    metrics_sample_seconds: float = 10.0
    # OpenTelemetry traces: off, or exported over OTLP/gRPC to the collector the standard OTEL_EXPORTER_OTLP_*
    # variables name (default http://localhost:4317); OTEL_TRACES_SAMPLER(_ARG) choose the sampling.
    tracing: Literal["off", "otlp"] = "off"

    gateway_host: str = "127.0.0.1"
    gateway_port: int = 8080
    # How long an idle keep-alive connection stays open. Longer than the usual 60 s of a load balancer (and than
    # a busy client's pauses), so the gateway never closes a connection just as a client sends on it.
    gateway_keep_alive_seconds: int = 75
    identity_address: str = "127.0.0.1:50051"
    catalog_address: str = "127.0.0.1:50052"
    notifications_address: str = "127.0.0.1:50053"
    wallet_address: str = "127.0.0.1:50054"
    customers_address: str = "127.0.0.1:50055"
    orders_address: str = "127.0.0.1:50056"
    reviews_address: str = "127.0.0.1:50057"
    scoring_address: str = "127.0.0.1:50058"
    credit_address: str = "127.0.0.1:50059"
    # The host a service binds its gRPC port on (unset: the host of its address): "0.0.0.0" in a container,
    # whose address names the service for its callers.
    grpc_listen_host: str | None = None
    grpc_deadline_seconds: float = 5.0
    # Services each gateway worker runs in its own process and calls in process, through the same generated
    # stubs with no serialization and no socket (JSON list, `["wallet", "identity"]`); the others it reaches
    # over gRPC. Every hosted service also keeps its gRPC server, relay and consumers, on an ephemeral port.
    gateway_in_process: tuple[ServiceName, ...] = ()
    grpc_shutdown_grace_seconds: float = 5.0
    # Signs every call between services (at least 32 bytes); unset: a random key made once in the data directory,
    # which only processes on one host share. Every process of a platform needs the same key.
    service_key: SecretStr | None = None
    # gRPC server reflection (a map of every RPC, for grpcurl): for development; `agora dev` turns it on.
    grpc_reflection: bool = False

    jwt_issuer: str = "agora"
    jwt_audience: str = "agora-api"
    # Ed25519 private keys as `<kid>.pem`; the newest signs unless `jwt_active_kid` names one.
    jwt_keys_dir: Path | None = None
    jwt_active_kid: str | None = None
    access_token_ttl_seconds: int = 900
    refresh_token_ttl_seconds: int = 30 * 24 * 3600
    password_hashing_concurrency: int = 2

    idempotency_ttl_seconds: int = 24 * 3600

    # The WebSocket edge: frames waiting for a client that stopped reading, before it is disconnected (4408);
    # the largest frame a client may send (1009 beyond it); how long a client has to authenticate (4401).
    ws_send_queue_size: int = 256
    ws_max_frame_bytes: int = 64 * 1024
    ws_auth_timeout_seconds: float = 10.0
    # /graphql: introspection (off where the schema is private), and how deep and costly one query may be.
    graphql_introspection: bool = True
    graphql_max_depth: int = 10
    graphql_max_cost: int = 1000
    # How stale a product read may be when another catalog process changed it; 0 turns the cache off.
    catalog_cache_ttl_seconds: float = 2.0

    # Conversion rates expire this long after an admin set them (or the rates file loaded them); an expired
    # rate is an error, never a guess. The file is JSON, {"USD/EUR": "0.92", ...}, loaded when wallet starts.
    rate_ttl_seconds: int = 3600
    rates_file: Path | None = None

    # The order saga: how long catalog and wallet have for a step before the order is cancelled; the first wait
    # before an unconfirmed undo (release, refund) is sent again, doubling up to 32 times; how many sends before
    # the order is COMPENSATION_FAILED; how often the sweeper looks for orders past their deadline; how many
    # orders may be in flight (placed, not yet paid or cancelled) before new ones get 503 `orders_busy` (0: any).
    order_step_timeout_seconds: float = 15.0
    order_retry_base_seconds: float = 2.0
    order_max_compensation_attempts: int = 8
    order_sweep_seconds: float = 1.0
    order_max_in_flight: int = 16
    # How many order placements one gateway worker passes on at once; more get 503 `orders_busy` (0: any).
    gateway_max_placing_orders: int = 32
    # Origins whose pages may call the gateway from a browser (CORS, JSON list, `["https://shop.example"]`);
    # none by default.
    gateway_cors_origins: tuple[str, ...] = ()
    # Rate limits (a count per `second`, `minute`, `hour`..., e.g. "60/minute"; "" turns one off), kept in Redis
    # in real mode: sign-ins and sign-ups per client address; wrong passwords per account, past which the account
    # takes no sign-in until the window ends; requests per signed-in user. WebSockets one user may hold open on
    # one gateway worker (0: any).
    rate_limit_sign_ins_per_address: str = "60/minute"
    rate_limit_wrong_passwords_per_account: str = "5/minute"
    rate_limit_requests_per_user: str = "1200/minute"
    ws_max_connections_per_user: int = 16
    # The largest request body the gateway reads (413 `body_too_large` beyond it; 400 under /api).
    gateway_max_body_bytes: int = 1024 * 1024
    # How many HTTP requests one gateway worker answers at once; more get 503 `overloaded` at once (0: any).
    gateway_max_requests_in_flight: int = 256

    # The product-deletion saga: the services that keep references to products and must each confirm they
    # dropped them; how long they have before the deletion is cancelled and the product restored; how often
    # catalog looks for deletions past their deadline.
    product_deletion_participants: tuple[str, ...] = ("customers", "reviews")
    product_deletion_timeout_seconds: float = 30.0
    product_deletion_sweep_seconds: float = 1.0

    # Credit: how often instalments due are collected; how long a refused instalment waits before it is tried
    # again, and how many days past due a refusal makes it FAILED (no more attempts; 30 days is where scoring's
    # hard stop for delinquency starts); how often proposals past their expiry are marked EXPIRED; how long an
    # assessment may go unanswered (scoring away) before it is asked for again. The clock file (for rehearsals
    # and tests only) holds an RFC 3339 time credit takes for now, read on every use.
    credit_collection_sweep_seconds: float = 5.0
    credit_collection_retry_seconds: float = 24 * 3600.0
    credit_collection_fail_after_days: int = Field(default=30, ge=1)
    credit_offer_expiry_sweep_seconds: float = 60.0
    credit_assessment_retry_seconds: float = 30.0
    # How often the audit looks for a finished day to report on (each day's report is made once).
    credit_report_sweep_seconds: float = 60.0
    credit_clock_file: Path | None = None

    def database_url_for(self, service: str) -> str:
        return self.database_url.format(service=service, data_dir=self.data_dir.resolve())

    def address_of(self, service: str) -> str:
        addresses = {
            "identity": self.identity_address,
            "catalog": self.catalog_address,
            "notifications": self.notifications_address,
            "wallet": self.wallet_address,
            "customers": self.customers_address,
            "orders": self.orders_address,
            "reviews": self.reviews_address,
            "scoring": self.scoring_address,
            "credit": self.credit_address,
        }
        return addresses[service]

    def listen_address_of(self, service: str) -> str:
        """Where `service` binds its gRPC server: its address, or its port on `grpc_listen_host`."""
        address = self.address_of(service)
        if self.grpc_listen_host is None:
            return address
        return f"{self.grpc_listen_host}:{address.rsplit(':', 1)[1]}"

    @cached_property
    def keys_dir(self) -> Path:
        return self.jwt_keys_dir or self.data_dir / "jwt"
