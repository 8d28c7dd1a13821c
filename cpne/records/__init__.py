"""Records on disk: strict loading with locations, and the canonical writer."""
