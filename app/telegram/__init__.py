"""Telegram: linking a person to the bot, and the bot's commands and replies."""
