"""Bot API errors, shaped exactly like Telegram's error replies."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An error reply: the HTTP status equals ``error_code``, as on api.telegram.org."""

    def __init__(
        self, code: int, description: str, *, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters or {}

    def payload(self) -> dict[str, Any]:
        """The JSON body Telegram sends for this error, ``parameters`` when it has any."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(reason: str) -> ApiError:
    """400 with Telegram's ``Bad Request:`` prefix."""
    return ApiError(400, f"Bad Request: {reason}")


def migrated(to_chat_id: int) -> ApiError:
    """400 for a basic group that became a supergroup, naming the new id as Telegram does."""
    return ApiError(
        400,
        "Bad Request: group chat was upgraded to a supergroup chat",
        parameters={"migrate_to_chat_id": to_chat_id},
    )


def forbidden(reason: str) -> ApiError:
    """403 with Telegram's ``Forbidden:`` prefix."""
    return ApiError(403, f"Forbidden: {reason}")


def too_many_requests(retry_after: int) -> ApiError:
    """429 carrying ``parameters.retry_after`` so clients know how long to back off."""
    return ApiError(
        429,
        f"Too Many Requests: retry after {retry_after}",
        parameters={"retry_after": retry_after},
    )


NOT_FOUND = ApiError(404, "Not Found")
UNAUTHORIZED = ApiError(401, "Unauthorized")
