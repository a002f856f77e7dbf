"""What a generated document records about how it was decided (its properties' keywords)."""
from __future__ import annotations


def document_metadata(result, profile) -> dict:
    """generator=junheng, the profile's id and the rules backend that decided the verdicts."""
    return {"generator": "junheng", "profile": profile.id, "engine": result.engine or ""}
