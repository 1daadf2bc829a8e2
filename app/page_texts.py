"""What the pages say about domain values, in every interface language.

Names of statuses, stages and units of shipment, confirmations after a form and the
sentences that explain a refused action are marked with `N_` here and translated where
they are shown (see docs/i18n.md).
"""

from __future__ import annotations

from collections.abc import Mapping

from app import i18n
from app.errors import DomainError, TooManyRequests
from app.orders.models import OrderStatus, UnitStage


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated where it is shown."""
    return message


STATUS_LABELS: dict[str, str] = {
    OrderStatus.DRAFT: N_("Draft"),
    OrderStatus.SUBMITTED: N_("Submitted"),
    OrderStatus.CONFIRMED: N_("Confirmed"),
    OrderStatus.IN_PRODUCTION: N_("In production"),
    OrderStatus.READY: N_("Ready"),
    OrderStatus.SHIPPED: N_("Shipped"),
    OrderStatus.COMPLETED: N_("Completed"),
    OrderStatus.CANCELLED: N_("Cancelled"),
}
STAGE_LABELS: dict[str, str] = {
    UnitStage.QUEUED: N_("Queued"),
    UnitStage.CUTTING: N_("Cutting"),
    UnitStage.ASSEMBLY: N_("Assembly"),
    UnitStage.PAINTING: N_("Painting"),
    UnitStage.QUALITY_CHECK: N_("Quality check"),
    UnitStage.PACKED: N_("Packed"),
    UnitStage.SHIPPED: N_("Shipped to dealer"),
    UnitStage.AT_DEALER: N_("At dealer"),
    UnitStage.SOLD: N_("Sold"),
}
UNIT_LABELS: dict[str, str] = {"piece": N_("piece"), "box": N_("box"), "pallet": N_("pallet")}

_ERROR_TEXTS = {
    "invalid_credentials": N_("Wrong email or password."),
    "invalid_transition": N_("This is not possible in the order's current status."),
    "not_editable": N_("Only a draft can be changed."),
    "not_in_production": N_("The order has no units in production yet."),
    "invalid_stage_move": N_("Some of the chosen units cannot move to that stage."),
    "missing_permission": N_("You do not have the right to do this."),
    "staff_only": N_("Only the factory can do this."),
    "no_active_dealer": N_("You act for no dealer."),
    "unavailable": N_("A product of the order is not available to you any more."),
    "too_many_pieces": N_("An order may hold at most 10,000 pieces; split it."),
    "stale": N_("The order was changed meanwhile. Reload the page and try again."),
    "csrf_failed": N_("The form has expired. Reload the page and try again."),
    "no_items": N_("Add at least one product."),
    "no_units": N_("Choose at least one unit."),
    "no_reason": N_("Give the reason for cancelling."),
    "not_invoiceable": N_("Invoices are issued only for confirmed orders that are not cancelled."),
    "duplicate_invoice": N_("The order already has an invoice with this number."),
    "invoice_closed": N_("This invoice is already paid or cancelled."),
    "invalid_amount": N_("Type the amount in roubles, for example 12 345,67."),
    "due_before_issue": N_("The payment date cannot be before the invoice's date."),
    "empty": N_("Write a message."),
    "too_long": N_("A message may hold at most 4,000 characters."),
    "edit_window_closed": N_("The time for changing this message is over."),
    "not_author": N_("Only its author may change a message."),
    "message_deleted": N_("The message was deleted."),
    "invalid_attachment": N_("Attach the files again: these are not ready to be sent."),
    "empty_file": N_("The file is empty."),
    "too_large": N_("The file is too large."),
    "too_many_files": N_("Too many files in one message."),
    "forbidden_type": N_("This file type cannot be sent. Send images, PDF or Excel files."),
    "type_mismatch": N_("The file's content does not match its type."),
}
_STATUS_TEXTS: dict[int, str] = {
    400: N_("The address has a wrong parameter."),
    404: N_("Nothing here: the page does not exist or is not yours to see."),
    403: N_("You do not have the right to see this page."),
    409: N_("This is not possible in the order's current state."),
    422: N_("Check the values you entered."),
    429: N_("Too many requests. Try again later."),
}


_SOMETHING_WRONG = N_("Something went wrong.")

NOTICES = {
    "created": N_("The draft is saved. Check it and submit it to the factory."),
    "saved": N_("The draft is saved."),
    "submitted": N_("The order is submitted to the factory."),
    "confirmed": N_("The order is confirmed; its units are queued for production."),
    "cancelled": N_("The order is cancelled."),
    "copied": N_("This is a new draft copied from the order."),
    "deleted": N_("The draft is deleted."),
    "moved": N_("The units are moved."),
    "invoice_issued": N_("The invoice is issued."),
    "invoice_paid": N_("The invoice is marked as paid."),
    "invoice_cancelled": N_("The invoice is cancelled."),
    "added": N_("The product is added to the draft."),
}


def notice_text(code: str | None) -> str | None:
    """The translated confirmation behind a `?notice=` code."""
    message = NOTICES.get(code or "")
    return i18n.gettext(message) if message else None


def label(labels: Mapping[str, str], value: str) -> str:
    """The translated name of a status, stage or unit code (the code itself if unknown)."""
    message = labels.get(value)
    return i18n.gettext(message) if message else value


def error_message(exc: DomainError) -> str:
    """A domain error as a sentence in the reader's language."""
    if isinstance(exc, TooManyRequests):
        minutes = max(1, -(-exc.retry_after // 60))
        return i18n.ngettext(
            "Too many failed attempts. Try again in %(num)d minute.",
            "Too many failed attempts. Try again in %(num)d minutes.",
            minutes,
        ) % {"num": minutes}
    message = _ERROR_TEXTS.get(exc.code) or _STATUS_TEXTS.get(exc.status)
    return i18n.gettext(message or _SOMETHING_WRONG)


def http_error_message(status: int) -> str:
    """A framework's refusal on a page (a wrong parameter, a failed CSRF check) as a sentence."""
    # Litestar's own 403 on a page comes from the CSRF check of a form post.
    message = _ERROR_TEXTS["csrf_failed"] if status == 403 else _STATUS_TEXTS.get(status)
    return i18n.gettext(message or _SOMETHING_WRONG)
