"""Notifications: the in-cabinet feed, preferences, and deliveries by email and Telegram."""
