"""The user guide, shipped inside the wheel as tracker._docs (read with tracker.paths.user_guide)."""
