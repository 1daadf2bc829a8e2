"""The bot's side of a conversation: Telegram updates in, answers out.

Updates arrive at the cabinet's webhook (`app/telegram/api.py`) and go through one aiogram
`Dispatcher`. Handlers are thin: they call the services of `linking` and `conversation`
and answer with a `sendMessage` that travels back in the webhook's own HTTP response
(Telegram executes a method returned there), so the web process makes no outgoing call
to answer a command.

Telegram re-delivers an update it believes was missed; each `update_id` is claimed once in
`TelegramUpdateSeen`, and released again when handling fails so that the re-delivery
gets its turn.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from aiogram import BaseMiddleware, Bot, Dispatcher, F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command, CommandObject, CommandStart, Filter
from aiogram.methods import SendMessage, TelegramMethod
from aiogram.types import Message, TelegramObject
from tortoise.exceptions import IntegrityError

from app import i18n
from app.accounts.models import Person
from app.config import get_settings
from app.notifications.models import TelegramUpdateSeen
from app.telegram import conversation, linking, texts
from app.telegram.client import new_bot

router = Router(name="cabinet")
router.message.filter(F.chat.type == ChatType.PRIVATE)


class SpeakToThePerson(BaseMiddleware):
    """Finds the person linked to the chat and answers in their language and time zone."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        person = None
        language = None
        if isinstance(event, Message):
            person = await linking.linked_person(event.chat.id)
            language = event.from_user.language_code if event.from_user else None
        data["person"] = person
        settings = get_settings()
        with i18n.speaking(
            i18n.pick_language(person.language if person else None, language),
            person.time_zone if person else settings.default_time_zone,
        ):
            return await handler(event, data)


router.message.outer_middleware(SpeakToThePerson())


class Linked(Filter):
    """The chat is linked to an active person."""

    async def __call__(self, message: Message, person: Person | None) -> bool:
        return person is not None


@router.message(CommandStart(deep_link=True))
async def start_with_token(message: Message, command: CommandObject) -> SendMessage:
    """`/start <token>` from the profile's deep link: link this chat."""
    username = message.from_user.username if message.from_user else None
    outcome, person = await linking.link_chat(command.args or "", message.chat.id, username or "")
    if person is None:
        return message.answer(texts.link_outcome_text(outcome))
    with i18n.speaking(person.language, person.time_zone):
        return message.answer(texts.link_outcome_text(outcome, person.full_name))


@router.message(Command("stop", "unlink"))
async def stop(message: Message) -> SendMessage:
    """Unlink this chat (the person can link again from the profile)."""
    was_linked = await linking.unlink_chat(message.chat.id, reason="bot") is not None
    return message.answer(texts.unlinked_text(was_linked))


@router.message(Command("help", "start"), Linked())
async def show_help(message: Message) -> SendMessage:
    """What the bot can do."""
    return message.answer(texts.help_text())


@router.message(Command("orders"), Linked())
async def list_orders(message: Message, person: Person) -> SendMessage:
    """The person's recent orders with their status."""
    return message.answer(texts.orders_text(await conversation.recent_orders(person)))


@router.message(Command("order"), Linked())
async def show_order(message: Message, person: Person, command: CommandObject) -> SendMessage:
    """One order: status and units by stage."""
    typed = command.args or ""
    order = await conversation.find_order(person, typed) if typed.strip() else None
    return message.answer(texts.order_text(order, typed))


@router.message(F.reply_to_message, Linked())
async def reply_into_chat(message: Message, person: Person, event_update: Any) -> SendMessage:
    """A reply to a mirrored chat message goes into that chat, as the person."""
    if not message.text or message.reply_to_message is None:
        return message.answer(texts.text_only_text())
    outcome, error = await conversation.reply_into_chat(
        person,
        message.reply_to_message.message_id,
        message.text,
        update_id=event_update.update_id,
    )
    return message.answer(texts.reply_text(outcome, error))


@router.message(Linked())
async def anything_else(message: Message) -> SendMessage:
    """A linked person wrote something the bot does not understand."""
    return message.answer(texts.help_text())


@router.message()
async def not_linked(message: Message) -> SendMessage:
    """Anything from a chat that is not linked."""
    return message.answer(texts.not_linked_text())


dispatcher = Dispatcher()
dispatcher.include_router(router)


async def claim_update(update_id: int) -> bool:
    """True the first time an update is seen; False for Telegram's re-delivery."""
    try:
        await TelegramUpdateSeen.create(update_id=update_id)
    except IntegrityError:
        return False
    return True


async def prune_seen_updates(now: datetime | None = None) -> int:
    """Forget updates older than Telegram ever re-delivers (it keeps them for 24 hours)."""
    cutoff = (now or datetime.now(UTC)) - timedelta(days=2)
    return await TelegramUpdateSeen.filter(seen_at__lt=cutoff).delete()


def webhook_answer(bot: Bot, method: TelegramMethod[Any]) -> dict[str, Any]:
    """A Bot API call as the JSON body of a webhook response (`{"method": ..., ...}`)."""
    answer: dict[str, Any] = {"method": method.__api_method__}
    for key, value in method.model_dump(warnings=False).items():
        prepared = bot.session.prepare_value(value, bot=bot, files={})
        if prepared is not None:
            answer[key] = prepared
    return answer


async def handle_update(update: dict[str, Any]) -> dict[str, Any]:
    """Handle one update once; the answer is the webhook's response body (may be empty)."""
    update_id = update["update_id"]
    if not await claim_update(update_id):
        return {}
    bot = new_bot()
    try:
        method: TelegramMethod[Any] | None = await dispatcher.feed_webhook_update(bot, update)
        return webhook_answer(bot, method) if method is not None else {}
    except BaseException:
        await TelegramUpdateSeen.filter(update_id=update_id).delete()
        raise
    finally:
        await bot.session.close()
