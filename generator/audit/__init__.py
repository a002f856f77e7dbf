"""The inspector's check: claims and breakdowns of a submission recomputed from its facts."""
