"""Use cases around tweets: composing, reading, deleting, liking, retweeting, timelines."""
