"""Property-based fuzzing of the whole JSON API from its own OpenAPI document.

Schemathesis generates requests for every operation, valid ones and deliberately broken
ones, and sends them with a real dealer's bearer token to the app running under uvicorn
(the in-process ASGI client of schemathesis would run the app in another event loop than
the ORM's). The run is bounded and derandomized, so it is repeatable and takes about a
minute; every failure is reported with a curl command that reproduces it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import hypothesis
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance

from app.accounts.service import issue_api_token
from app.config import Settings
from app.orders import production, service
from app.orders.models import UnitStage
from tests.factories import PASSWORD, make_world, place_draft

EXAMPLES = {GenerationMode.POSITIVE: 25, GenerationMode.NEGATIVE: 15}
"""Examples per operation and mode: enough to reach every branch of the input checks."""


@pytest.fixture
async def fuzz_target(db: Settings, live_server: str) -> tuple[str, dict[str, str], int]:
    """The served app with orders in several statuses, and alice's bearer token."""
    world = await make_world()
    alice = await world.actor("alice")
    for lines in ([("D-100:piece", 1)], [("H-1:box", 2)], [("D-200:pallet", 1)]):
        await place_draft(world, "alice", lines)
    submitted = await place_draft(world, "alice", [("D-200:piece", 3)])
    await service.submit_order(alice, submitted.id)
    shipped = await place_draft(world, "alice", [("D-100:piece", 2)])
    await service.submit_order(alice, shipped.id)
    await production.confirm_order(await world.actor("supervisor"), shipped.id)
    await production.move_units(None, shipped.id, UnitStage.SHIPPED, by_system="erp")
    await place_draft(world, "bob", [("D-100:piece", 1)])
    secret, token = await issue_api_token(
        world.people["alice"].email, PASSWORD, "schemathesis", "127.0.0.1", "pytest"
    )
    return live_server, {"Authorization": f"Bearer {secret}"}, token.id


def _fuzz_operation(
    operation: Any,
    mode: GenerationMode,
    base_url: str,
    headers: dict[str, str],
    keep: Callable[[Any], bool],
) -> None:
    session = requests.Session()

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES[mode],
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        hypothesis.assume(keep(case))
        case.call_and_validate(
            base_url=base_url,
            session=session,
            headers=headers,
            checks=[not_a_server_error, response_schema_conformance],
            timeout=30,
        )

    run()


def test_the_api_survives_fuzzing_with_a_dealers_token(
    fuzz_target: tuple[str, dict[str, str], int],
) -> None:
    base_url, headers, own_token_id = fuzz_target
    schema = schemathesis.openapi.from_url(f"{base_url}/schema/openapi.json")

    def keep(case: Any) -> bool:
        # Revoking the very token the run uses would leave nothing but 401s to test.
        return (
            case.path_parameters.get("token_id") != own_token_id if case.path_parameters else True
        )

    failures: list[str] = []
    started = time.monotonic()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20, "the schema lists the JSON API"
    for operation in operations:
        for mode in EXAMPLES:
            try:
                _fuzz_operation(operation, mode, base_url, headers, keep)
            except hypothesis.errors.Unsatisfiable:
                pass  # nothing to break: the operation takes no input at all
            except (AssertionError, BaseExceptionGroup) as failure:  # report every operation
                failures.append(f"{operation.label} [{mode.value}]: {failure}")
    elapsed = time.monotonic() - started
    assert not failures, f"{len(failures)} failing operations in {elapsed:.0f} s:\n\n" + (
        "\n\n".join(failures)
    )
