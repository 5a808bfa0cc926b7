"""Demo data for Chirp: a deterministic generator and the loader that writes it in bulk.

The benchmark reuses both: `build_dataset(SeedPlan(...), hash)` then `load(...)`."""

from chirp.seeding.dataset import SEED_PASSWORD, SeedDataset, SeedPlan, username_of
from chirp.seeding.generate import build_dataset

__all__ = ["SEED_PASSWORD", "SeedDataset", "SeedPlan", "build_dataset", "username_of"]
