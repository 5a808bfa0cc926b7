"""The Mastodon client API: a second HTTP adapter over Chirp's use cases, so existing
Mastodon apps (Mastodon.py, toot, Tusky, ...) work with Chirp. Served on its own port."""
