"""Use cases around follows: following, unfollowing, and who follows whom."""
