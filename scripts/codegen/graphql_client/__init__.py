"""The SDK's typed GraphQL client, rendered by ariadne-codegen from the SDL and the operations in sdk/graphql/.

ariadne-codegen renders a blocking or an asyncio client, and only the asyncio one has subscriptions. So it runs
twice into one package: asyncio (every operation: `async_client.py`) and blocking (queries and mutations:
`client.py`). The result models are the same in both runs (checked), so both clients share them. Both clients'
bases are the SDK's runtime (agora_sdk._graphql), which sends through the REST client's request loop.
"""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import tempfile
from pathlib import Path

from graphql import OperationDefinitionNode, OperationType, parse, print_ast

HERE = Path(__file__).parent
SCALARS = {"DateTime": "datetime.datetime", "MinorUnits": "int", "Decimal": "decimal.Decimal"}


def config(schema: Path, operations: Path, target: Path, *, asyncio: bool) -> str:
    client, module, base = (
        ("AsyncGraphQLClient", "async_client", "async_base_client")
        if asyncio
        else ("GraphQLClient", "client", "base_client")
    )
    lines = [
        "[tool.ariadne-codegen]",
        f'schema_path = "{schema}"',
        f'queries_path = "{operations}"',
        f'target_package_name = "{target.name}"',
        f'target_package_path = "{target.parent}"',
        f'client_name = "{client}"',
        f'client_file_name = "{module}"',
        f'base_client_name = "{"AsyncBaseClient" if asyncio else "BaseClient"}"',
        f'base_client_file_path = "{HERE / (base + ".py")}"',
        f"async_client = {'true' if asyncio else 'false'}",
        'include_comments = "none"',
        *(f'[tool.ariadne-codegen.scalars.{name}]\ntype = "{python}"' for name, python in SCALARS.items()),
    ]
    return "\n".join(lines) + "\n"


def without_subscriptions(operations: Path, into: Path) -> Path:
    """A copy of the operations with the subscriptions left out (the blocking client has none)."""
    into.mkdir(parents=True)
    for source in sorted(operations.glob("*.graphql")):
        document = parse(source.read_text())
        kept = [
            definition
            for definition in document.definitions
            if not (
                isinstance(definition, OperationDefinitionNode) and definition.operation == OperationType.SUBSCRIPTION
            )
        ]
        document.definitions = tuple(kept)
        (into / source.name).write_text(print_ast(document) + "\n")
    return into


def render(ariadne_codegen: str, settings: str, workdir: Path) -> None:
    (workdir / "pyproject.toml").write_text(settings)
    subprocess.run([ariadne_codegen, "--config", str(workdir / "pyproject.toml"), "client"], check=True, cwd=workdir,
                   stdout=subprocess.DEVNULL)  # fmt: skip


def generate(*, ariadne_codegen: str, schema: Path, operations: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        render(ariadne_codegen, config(schema, operations, target, asyncio=True), work)
        blocking = work / "blocking" / target.name
        blocking.parent.mkdir()
        render(
            ariadne_codegen,
            config(schema, without_subscriptions(operations, work / "ops"), blocking, asyncio=False),
            work,
        )
        for module in ("client.py", "base_client.py"):
            shutil.copyfile(blocking / module, target / module)
        shared = {path.name for path in blocking.glob("*.py")} - {"client.py", "base_client.py", "__init__.py"}
        differing = [name for name in sorted(shared) if not filecmp.cmp(blocking / name, target / name, shallow=False)]
        if differing:
            raise SystemExit(f"the blocking and asyncio GraphQL clients' models differ: {', '.join(differing)}")
