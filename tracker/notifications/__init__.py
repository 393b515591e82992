"""Notifications: an outbox of items keyed so that writing one twice is a no-op, and
their delivery over e-mail and webhooks with retries. Knows nothing of the rules that
decide what to send (those live in tracker.reminders and the task services)."""
