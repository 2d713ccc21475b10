"""Channels: the ways an alert goes out.  Each is a :class:`Notifier` whose one verb is
``deliver(alert) -> Delivery``:

* :class:`~.webhook.WebhookNotifier` - POST JSON, HMAC-SHA256 signature header, retries;
* :class:`~.email.EmailNotifier` - SMTP, the CAP message attached;
* :class:`~.cap.CapNotifier` - CAP 1.2 XML files in a folder;
* :class:`~.atom.FeedNotifier` - the ``atom`` channel every configuration has: the Atom feed
  the web app serves at /alerts.atom.

:func:`notifiers` builds them from the ``[channels.NAME]`` tables of the alerts file (README
"Alerts"); a table that is wrong is a :class:`SettingsError` naming the file and the field.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal, Protocol, Union, get_args

from pydantic import (BaseModel, ConfigDict, Field, TypeAdapter, ValidationError,
                      model_validator)

from ...errors import SettingsError
from ...model.alert import Alert, Delivery
from .atom import FEED_CHANNEL, FeedNotifier
from .cap import CapNotifier
from .email import EmailNotifier
from .retry import LONGEST_DELIVERY_S, RetryPolicy
from .webhook import WebhookNotifier


class Notifier(Protocol):
    """Delivers an alert on one channel; never raises for a failed delivery (the
    :class:`Delivery` says so)."""

    name: str

    def deliver(self, alert: Alert) -> Delivery: ...


class _Channel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    attempts: int = Field(4, ge=1, le=20)
    backoff_s: float = Field(0.5, ge=0, le=600)

    @model_validator(mode="after")
    def _done_in_time(self) -> _Channel:
        longest = RetryPolicy(self.attempts, self.backoff_s).longest_s(
            getattr(self, "timeout_s", 0.0))
        if longest > LONGEST_DELIVERY_S:
            raise ValueError(
                f"its tries could take {longest / 60:,.0f} minutes (attempts {self.attempts}, "
                f"backoff_s {self.backoff_s:g}, the wait doubling each time); the limit is "
                f"{LONGEST_DELIVERY_S // 60} minutes, after which a message still being sent "
                "is taken for abandoned: lower attempts or backoff_s")
        return self


class WebhookChannel(_Channel):
    type: Literal["webhook"]
    url: str = Field(pattern=r"^https?://")
    secret_env: str = Field(min_length=1)
    timeout_s: float = Field(5.0, gt=0, le=120)


class EmailChannel(_Channel):
    type: Literal["email"]
    host: str = "localhost"
    port: int = Field(25, gt=0, lt=65536)
    sender: str = Field(min_length=3)
    to: list[str] = Field(min_length=1)
    starttls: bool = False
    username: str | None = None
    password_env: str | None = None
    timeout_s: float = Field(10.0, gt=0, le=120)


class CapChannel(_Channel):
    type: Literal["cap"]
    folder: str = Field(min_length=1)


ChannelConfig = Annotated[Union[WebhookChannel, EmailChannel, CapChannel],
                          Field(discriminator="type")]
_CHANNEL = TypeAdapter(ChannelConfig)
_CHANNEL_TYPES = tuple(get_args(config.model_fields["type"].annotation)[0]
                       for config in (WebhookChannel, EmailChannel, CapChannel))


def notifiers(channels: Mapping[str, Mapping[str, Any]], *, path: Path | None = None,
              environ: Mapping[str, str] | None = None) -> dict[str, Notifier]:
    """A notifier for each channel table, and the ``atom`` channel.  Secrets come from the
    environment variables the tables name (``secret_env``, ``password_env``)."""
    environ = os.environ if environ is None else environ
    built: dict[str, Notifier] = {FEED_CHANNEL: FeedNotifier()}
    for name, table in channels.items():
        if name == FEED_CHANNEL:
            raise SettingsError("'atom' is the built-in feed channel; give this channel "
                                "another name", path=path, field=f"channels.{name}")
        config = _checked(name, table, path)
        built[name] = _notifier(name, config, environ, path)
    return built


def _checked(name: str, table: Mapping[str, Any], path: Path | None) -> ChannelConfig:
    try:
        return _CHANNEL.validate_python(dict(table))
    except ValidationError as exc:
        problem = exc.errors()[0]
        # The union's member names the error's place first ("webhook", "url"); a check of
        # the whole table has no place beyond it.
        where = problem["loc"]
        if where and where[0] in _CHANNEL_TYPES:
            where = where[1:]
        spot = ".".join(str(part) for part in where)
        message = problem["msg"].removeprefix("Value error, ")
        if problem["type"].startswith("union_tag"):
            message += (f"; a channel's type is {', '.join(_CHANNEL_TYPES[:-1])} or "
                        f"{_CHANNEL_TYPES[-1]} (README 'Alerts')")
        raise SettingsError(message, path=path,
                            field=f"channels.{name}" + (f".{spot}" if spot else "")) from None


def _notifier(name: str, config: ChannelConfig, environ: Mapping[str, str],
              path: Path | None) -> Notifier:
    policy = RetryPolicy(attempts=config.attempts, backoff_s=config.backoff_s)
    if isinstance(config, WebhookChannel):
        secret = environ.get(config.secret_env)
        if not secret:
            raise SettingsError(f"the environment variable {config.secret_env} (the webhook's "
                                "secret) is not set; set it to the secret the receiver "
                                "checks signatures with", path=path,
                                field=f"channels.{name}.secret_env")
        return WebhookNotifier(name, config.url, secret, policy=policy,
                               timeout_s=config.timeout_s)
    if isinstance(config, EmailChannel):
        password = environ.get(config.password_env) if config.password_env else None
        return EmailNotifier(name, host=config.host, port=config.port, sender=config.sender,
                             to=config.to, starttls=config.starttls, username=config.username,
                             password=password, timeout_s=config.timeout_s, policy=policy)
    return CapNotifier(name, config.folder, policy=policy)


__all__ = ["LONGEST_DELIVERY_S", "CapChannel", "CapNotifier", "EmailChannel", "EmailNotifier",
           "FeedNotifier", "Notifier", "RetryPolicy", "WebhookChannel", "WebhookNotifier",
           "notifiers"]
