"""The factory's invoices: issued, paid and cancelled in one transaction with their event
and audit entry, only where the order's lifecycle allows, with the input checked first."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

import msgspec
import pytest

from app.accounts import audit
from app.accounts.models import AuditEntry
from app.errors import Conflict, Forbidden, InvalidInput, NotFound
from app.orders import invoices, production, service
from app.orders.events import InvoiceChanged, InvoiceIssued, board_topic, order_topic
from app.orders.models import Invoice, InvoiceStatus, Order, UnitStage
from app.orders.schemas import InvoiceCreate
from realtime.outbox import OutboxEvent
from tests.factories import World, make_world, place_draft
from tests.notification_helpers import confirmed_order

ISSUED_AT = datetime(2026, 3, 1, 22, 30, tzinfo=UTC)


def invoice_of(number: str = "СЧ-1", amount: int = 6_172_50, **more: object) -> InvoiceCreate:
    return InvoiceCreate(number=number, amount_kopecks=amount, **more)  # type: ignore[arg-type]


async def written() -> tuple[int, int, int, list[tuple[int, int]]]:
    """What an invoice change writes: invoices, events, audit entries, order versions."""
    versions = await Order.all().order_by("id").values_list("id", "version")
    return (
        await Invoice.all().count(),
        await OutboxEvent.all().count(),
        await AuditEntry.all().count(),
        list(versions),  # type: ignore[arg-type]
    )


async def test_issuing_writes_the_invoice_its_events_and_audit_entry_together(db):
    world = await make_world()
    order = await confirmed_order(world, "alice")
    manager = await world.actor("manager")

    read = await invoices.issue_invoice(
        manager,
        order.id,
        invoice_of("  СЧ-418 ", issued_at=ISSUED_AT, due_on=date(2026, 3, 10)),
    )

    [row] = await Invoice.filter(order_id=order.id)
    assert (row.number, row.amount_kopecks, row.status) == ("СЧ-418", 6_172_50, "issued")
    assert row.issued_at == ISSUED_AT and row.due_on == date(2026, 3, 10)
    assert row.issued_by_person_id == manager.person_id and row.issued_by_system == ""
    assert read.id == row.id and read.issued_by_person_name == manager.full_name
    for topic in (board_topic(world.dealer_a.id), order_topic(order.id)):
        last = await OutboxEvent.filter(topic=topic).order_by("-seq").first()
        assert last is not None and last.type == "order.invoice_issued"
        event = msgspec.json.decode(last.payload, type=InvoiceIssued)
        assert (event.invoice_id, event.invoice_number) == (row.id, "СЧ-418")
        assert (event.amount_kopecks, event.due_on) == (6_172_50, date(2026, 3, 10))
        assert event.by_person_id == manager.person_id and event.number == order.number
        assert event.version == order.version + 1
    assert (await Order.get(id=order.id)).version == order.version + 1
    [entry] = await AuditEntry.filter(action="invoice.issued")
    assert entry.object_type == "invoice" and entry.object_id == str(row.id)
    assert entry.person_id == manager.person_id and entry.dealer_id == world.dealer_a.id
    assert entry.after["order_id"] == order.id and entry.after["number"] == "СЧ-418"


async def test_a_failure_inside_the_change_leaves_no_invoice_event_or_version(db, monkeypatch):
    world = await make_world()
    order = await confirmed_order(world, "alice")
    before = await written()

    async def broken_audit(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the audit table is gone")

    monkeypatch.setattr(audit, "record", broken_audit)
    with pytest.raises(RuntimeError):
        await invoices.issue_invoice(await world.actor("manager"), order.id, invoice_of())
    assert await written() == before


async def order_in(world: World, status: str) -> int:
    alice, manager = await world.actor("alice"), await world.actor("manager")
    draft = await place_draft(world, "alice", [("D-100:piece", 1)])
    if status == "draft":
        return draft.id
    await service.submit_order(alice, draft.id)
    if status == "submitted":
        return draft.id
    if status == "submitted_cancelled":
        await service.cancel_order(alice, draft.id, "not needed")
        return draft.id
    await production.confirm_order(manager, draft.id)
    if status == "confirmed_cancelled":
        await service.cancel_order(manager, draft.id, "not needed")
    elif status == "shipped":
        await production.move_units(None, draft.id, UnitStage.SHIPPED, by_system="erp")
    elif status == "completed":
        await production.move_units(None, draft.id, UnitStage.AT_DEALER, by_system="erp")
    return draft.id


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        ("draft", False),
        ("submitted", False),
        ("submitted_cancelled", False),
        ("confirmed_cancelled", False),
        ("confirmed", True),
        ("shipped", True),
        ("completed", True),
    ],
)
async def test_invoices_are_issued_from_confirmation_on_and_never_for_a_cancelled_order(
    db, status, allowed
):
    world = await make_world()
    order_id = await order_in(world, status)
    before = await written()
    issue = invoices.issue_invoice(None, order_id, invoice_of(), by_system="erp")
    if allowed:
        read = await issue
        assert read.issued_by_system == "erp" and read.issued_by_person_id is None
    else:
        with pytest.raises(Conflict) as refused:
            await issue
        assert refused.value.code == "not_invoiceable"
        assert await written() == before


async def test_a_number_is_unique_within_its_order_and_free_on_another(db):
    world = await make_world()
    first, second = [await confirmed_order(world, "alice") for _ in range(2)]
    manager = await world.actor("manager")
    await invoices.issue_invoice(manager, first.id, invoice_of("СЧ-7"))
    before = await written()
    with pytest.raises(Conflict) as refused:
        await invoices.issue_invoice(manager, first.id, invoice_of(" СЧ-7"))
    assert (refused.value.code, refused.value.field) == ("duplicate_invoice", "number")
    assert await written() == before
    await invoices.issue_invoice(manager, second.id, invoice_of("СЧ-7"))
    await invoices.issue_invoice(manager, first.id, invoice_of("сч-7"))  # another number


async def test_two_simultaneous_calls_with_one_number_make_one_invoice(db):
    world = await make_world()
    order = await confirmed_order(world, "alice")
    manager = await world.actor("manager")
    outcomes = await asyncio.gather(
        *(invoices.issue_invoice(manager, order.id, invoice_of("СЧ-9")) for _ in range(4)),
        return_exceptions=True,
    )
    made = [o for o in outcomes if not isinstance(o, BaseException)]
    refused = [o for o in outcomes if isinstance(o, Conflict)]
    assert len(made) == 1 and len(refused) == 3, outcomes
    assert {r.code for r in refused} == {"duplicate_invoice"}
    assert await Invoice.filter(order_id=order.id).count() == 1
    events = await OutboxEvent.filter(topic=order_topic(order.id), type="order.invoice_issued")
    assert len(events) == 1


@pytest.mark.parametrize(
    ("data", "code", "field"),
    [
        (invoice_of("   "), "invalid", "number"),
        (
            invoice_of(issued_at=datetime.now(UTC) + timedelta(hours=1)),
            "issued_in_future",
            "issued_at",
        ),
        (invoice_of(issued_at=ISSUED_AT, due_on=date(2026, 2, 28)), "due_before_issue", "due_on"),
    ],
)
async def test_input_is_refused_before_anything_is_written(db, data, code, field):
    world = await make_world()
    order = await confirmed_order(world, "alice")
    before = await written()
    with pytest.raises(InvalidInput) as refused:
        await invoices.issue_invoice(await world.actor("manager"), order.id, data)
    assert (refused.value.code, refused.value.field) == (code, field)
    assert await written() == before


async def test_only_the_factory_changes_invoices_and_only_of_orders_it_may_see(db):
    world = await make_world()
    order = await confirmed_order(world, "alice")
    issued = await invoices.issue_invoice(await world.actor("manager"), order.id, invoice_of())
    before = await written()
    for who in ("alice", "viewer", "bob"):
        actor = await world.actor(who)
        for attempt in (
            invoices.issue_invoice(actor, order.id, invoice_of("СЧ-2")),
            invoices.mark_invoice_paid(actor, order.id, issued.id),
            invoices.cancel_invoice(actor, order.id, issued.id, "no"),
        ):
            with pytest.raises(Forbidden) as refused:
                await attempt
            assert refused.value.code == "staff_only"
    idle = await world.actor("idle_manager")
    for attempt in (
        invoices.issue_invoice(idle, order.id, invoice_of("СЧ-2")),
        invoices.mark_invoice_paid(idle, order.id, issued.id),
        invoices.list_invoices(idle, order.id),
    ):
        with pytest.raises(NotFound):
            await attempt
    with pytest.raises(NotFound):
        await invoices.list_invoices(await world.actor("bob"), order.id)
    assert await written() == before


async def test_an_invoice_is_reached_only_through_its_own_order(db):
    world = await make_world()
    mine, other = [await confirmed_order(world, "alice") for _ in range(2)]
    manager = await world.actor("manager")
    issued = await invoices.issue_invoice(manager, mine.id, invoice_of())
    with pytest.raises(NotFound):
        await invoices.mark_invoice_paid(manager, other.id, issued.id)
    assert (await Invoice.get(id=issued.id)).status == InvoiceStatus.ISSUED


async def test_paid_and_cancelled_are_final_and_each_change_is_an_event(db):
    world = await make_world()
    order = await confirmed_order(world, "alice")
    manager = await world.actor("manager")
    advance = await invoices.issue_invoice(manager, order.id, invoice_of("СЧ-1"))
    rest = await invoices.issue_invoice(manager, order.id, invoice_of("СЧ-2"))

    paid = await invoices.mark_invoice_paid(manager, order.id, advance.id)
    assert paid.status == InvoiceStatus.PAID and paid.paid_at is not None
    await service.cancel_order(manager, order.id, "the dealer's client withdrew")
    withdrawn = await invoices.cancel_invoice(manager, order.id, rest.id, "order cancelled")
    assert withdrawn.status == InvoiceStatus.CANCELLED
    assert withdrawn.cancel_reason == "order cancelled" and withdrawn.cancelled_at is not None

    before = await written()
    for attempt in (
        invoices.mark_invoice_paid(manager, order.id, advance.id),
        invoices.cancel_invoice(manager, order.id, advance.id, "again"),
        invoices.mark_invoice_paid(manager, order.id, rest.id),
    ):
        with pytest.raises(Conflict) as refused:
            await attempt
        assert refused.value.code == "invoice_closed"
    assert await written() == before

    rows = await OutboxEvent.filter(topic=order_topic(order.id), type="order.invoice_changed")
    changes = [msgspec.json.decode(r.payload, type=InvoiceChanged) for r in rows]
    assert [(c.invoice_number, c.from_status, c.to_status, c.reason) for c in changes] == [
        ("СЧ-1", "issued", "paid", ""),
        ("СЧ-2", "issued", "cancelled", "order cancelled"),
    ]
    actions = (
        await AuditEntry.filter(object_type="invoice")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["invoice.issued", "invoice.issued", "invoice.paid", "invoice.cancelled"]
