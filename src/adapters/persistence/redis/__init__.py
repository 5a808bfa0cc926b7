"""Redis-backed adapters: counters that every server process shares."""
