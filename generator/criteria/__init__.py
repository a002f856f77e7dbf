"""Standards as data, measured and decided: profiles, measures, CV, engines, verdicts."""
