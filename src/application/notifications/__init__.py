"""Use cases around notifications: reading them, counting the unread, marking them read."""
