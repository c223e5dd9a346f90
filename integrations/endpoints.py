"""Webhook endpoints: a YAML file naming each receiver, its secrets and the events it wants.

```yaml
endpoints:
  - name: erp
    url: https://erp.example.com/hooks/presale
    secrets: [whsec_...]            # two during a rotation: both sign every delivery
    events: [request.created, request.stage_changed]   # or ["*"] for every event
```
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.settings import SettingsError
from integrations.signing import secret_key

WEBHOOK_EVENTS = (
    "request.created",
    "request.taken",
    "request.stage_changed",
    "request.reassigned",
    "meeting.planned",
    "meeting.rescheduled",
    "meeting.cancelled",
    "meeting.held",
    "recap.confirmed",
    "step.overdue",
    "estimate.delivered",
)
"""Every event an endpoint can ask for, as the receiver sees it in ``type``."""

ALL_EVENTS = "*"


class EndpointsError(SettingsError):
    """The endpoints file is unreadable or wrong; the message names the file and the problem.

    A settings error, so the bot refuses to start with that one line (exit code 2).
    """


def _valid_secret(secret: str) -> str:
    secret_key(secret)
    return secret


class Endpoint(BaseModel):
    """One receiver of signed webhooks."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)
    url: str = Field(pattern=r"^https?://", max_length=2000)
    secrets: list[Annotated[str, AfterValidator(_valid_secret)]] = Field(
        min_length=1, max_length=2
    )
    events: list[str] = Field(min_length=1)

    @field_validator("events")
    @classmethod
    def _known_events(cls, events: list[str]) -> list[str]:
        unknown = [e for e in events if e != ALL_EVENTS and e not in WEBHOOK_EVENTS]
        if unknown:
            raise ValueError(f"unknown events {unknown}; known: {', '.join(WEBHOOK_EVENTS)}")
        return events

    def wants(self, event: str) -> bool:
        return ALL_EVENTS in self.events or event in self.events


class EndpointsFile(BaseModel):
    """The whole file: a list of endpoints with distinct names."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    endpoints: list[Endpoint] = Field(default_factory=list)

    @field_validator("endpoints")
    @classmethod
    def _distinct_names(cls, endpoints: list[Endpoint]) -> list[Endpoint]:
        names = [endpoint.name for endpoint in endpoints]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise ValueError(f"endpoint names must differ: {', '.join(repeated)}")
        return endpoints


def load_endpoints(path: Path | None) -> dict[str, Endpoint]:
    """The endpoints by name; none without a file. A bad file raises ``EndpointsError``."""
    if path is None:
        return {}
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        parsed = EndpointsFile.model_validate(raw)
    except OSError as error:
        raise EndpointsError(f"{path}: cannot read: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise EndpointsError(f"{path}: not YAML: {error}") from None
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise EndpointsError(f"{path}: {where}: {first['msg']}") from None
    return {endpoint.name: endpoint for endpoint in parsed.endpoints}
