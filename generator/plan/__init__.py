"""The least-cost plan: the cheapest additions after which every school and every CV passes."""
