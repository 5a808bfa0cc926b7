"""Finding tweets and people: hashtags, trending, the public timeline, search, suggestions."""
