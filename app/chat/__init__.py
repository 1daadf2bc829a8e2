"""Chat between dealers and their managers: rooms, messages, attachments, read marks."""
