"""Method parameters from a JSON body, a urlencoded form or multipart/form-data.

aiogram sends forms; nested objects (reply_markup, media) arrive as JSON strings and
uploaded files as multipart parts referenced by ``attach://<name>``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aiohttp import BodyPartReader, MultipartReader, web

from emulator.errors import bad_request


@dataclass(frozen=True)
class Upload:
    """A file part of a multipart request."""

    filename: str
    content: bytes
    content_type: str | None


class Params:
    """Typed access to one call's parameters, raising Telegram's errors on bad values."""

    def __init__(self, values: dict[str, Any], files: dict[str, Upload] | None = None) -> None:
        self.values = values
        self.files = files or {}

    def has(self, name: str) -> bool:
        """True when the parameter was sent and is not empty."""
        return self.values.get(name) not in (None, "")

    def get_str(self, name: str) -> str | None:
        """A string parameter; numbers are accepted as their text."""
        value = self.values.get(name)
        if value is None or isinstance(value, (dict, list)):
            return None
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    def get_int(self, name: str) -> int | None:
        """An integer parameter; a malformed one is a 400 as on Telegram."""
        value = self.values.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            return int(value)
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def required_int(self, name: str) -> int:
        """An integer parameter that must be present."""
        value = self.get_int(name)
        if value is None:
            raise bad_request(f"{name} is empty")
        return value

    def get_bool(self, name: str) -> bool:
        """A boolean parameter: JSON true or the strings true/1."""
        value = self.values.get(name)
        if isinstance(value, str):
            return value.lower() in {"true", "1"}
        return bool(value)

    def get_json(self, name: str) -> Any:
        """A structured parameter, decoding it when it came as a JSON string."""
        value = self.values.get(name)
        if isinstance(value, str):
            if value == "":
                return None
            try:
                return json.loads(value)
            except ValueError:
                raise bad_request(f"can't parse {name} JSON object") from None
        return value

    def upload(self, reference: str) -> Upload | None:
        """The uploaded file a value points to (``attach://name`` or the field itself)."""
        if reference.startswith("attach://"):
            return self.files.get(reference.removeprefix("attach://"))
        return None

    def printable(self) -> dict[str, Any]:
        """Parameters for the call log, files replaced by a short description."""
        shown = dict(self.values)
        for name, upload in self.files.items():
            shown[f"<file {name}>"] = f"{upload.filename} ({len(upload.content)} bytes)"
        return shown


async def read_multipart(reader: MultipartReader) -> Params:
    """Fields and file parts of a multipart/form-data body."""
    values: dict[str, Any] = {}
    files: dict[str, Upload] = {}
    while (part := await reader.next()) is not None:
        if not isinstance(part, BodyPartReader) or part.name is None:
            continue
        if part.filename is not None:
            content = bytes(await part.read())
            files[part.name] = Upload(part.filename, content, part.headers.get("Content-Type"))
        else:
            values[part.name] = await part.text()
    return Params(values, files)


async def read_params(request: web.Request) -> Params:
    """Collect query string and body parameters, whatever the content type."""
    values: dict[str, Any] = dict(request.query) if request.query_string else {}
    files: dict[str, Upload] = {}
    if not request.body_exists:
        return Params(values)
    kind = request.content_type
    if kind == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise bad_request("can't parse JSON body") from None
        if isinstance(body, dict):
            values.update(body)
    elif kind.startswith("multipart/"):
        parts = await read_multipart(await request.multipart())
        values.update(parts.values)
        files.update(parts.files)
    else:
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                files[key] = Upload(value.filename, value.file.read(), value.content_type)
            else:
                values[key] = value
    return Params(values, files)
