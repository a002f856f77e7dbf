"""The one exception of the collect package: an answer other than success, with its HTTP status."""
from __future__ import annotations


class Refused(Exception):
    """An answer other than success: HTTP status, message id (generator/messages/collect.py), parameters."""

    def __init__(self, status: int, msg_id: str, errors=None, **params):
        super().__init__(msg_id)
        self.status, self.msg_id, self.params, self.errors = status, msg_id, params, errors or []
