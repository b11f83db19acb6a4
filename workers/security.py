"""How every Kafka client Warta opens authenticates: SASL (PLAIN, SCRAM-SHA-256/512) and TLS.

One place turns the ``WARTA_SECURITY_PROTOCOL`` / ``WARTA_SASL_*`` / ``WARTA_SSL_*`` settings into
keyword arguments for aiokafka clients and into Faust credentials, so the worker, ``feed``,
``tail``, ``lag`` and ``dlq replay`` connect alike. The password is read here and handed to the
client; it is never logged, and ``Settings`` leaves it out of its repr.
"""

from __future__ import annotations

import ssl
from typing import Any

from .settings import Settings

PROTOCOLS = ("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL")
MECHANISMS = ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512")


class SecurityConfigError(ValueError):
    """The security settings contradict each other or name missing files."""


def sasl_password(settings: Settings) -> str:
    if settings.sasl_password:
        return settings.sasl_password
    if settings.sasl_password_file is not None:
        try:
            return settings.sasl_password_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise SecurityConfigError(
                f"WARTA_SASL_PASSWORD_FILE cannot be read: {exc.strerror}") from None
    return ""


def ssl_context(settings: Settings) -> ssl.SSLContext | None:
    """A TLS context for SSL/SASL_SSL (system CAs unless WARTA_SSL_CAFILE), else None."""
    if not settings.security_protocol.endswith("SSL"):
        return None
    context = ssl.create_default_context(
        cafile=str(settings.ssl_cafile) if settings.ssl_cafile else None)
    if settings.ssl_certfile:
        context.load_cert_chain(
            str(settings.ssl_certfile),
            str(settings.ssl_keyfile) if settings.ssl_keyfile else None)
    return context


def _check(settings: Settings) -> None:
    if settings.security_protocol not in PROTOCOLS:
        raise SecurityConfigError(
            f"WARTA_SECURITY_PROTOCOL={settings.security_protocol!r}: use one of {', '.join(PROTOCOLS)}")
    if settings.security_protocol.startswith("SASL"):
        if settings.sasl_mechanism not in MECHANISMS:
            raise SecurityConfigError(
                f"WARTA_SASL_MECHANISM={settings.sasl_mechanism!r}: use one of {', '.join(MECHANISMS)}")
        if not settings.sasl_username:
            raise SecurityConfigError("SASL needs WARTA_SASL_USERNAME")


def client_kwargs(settings: Settings) -> dict[str, Any]:
    """Connection keyword arguments for aiokafka's producer, consumer and admin client."""
    _check(settings)
    kwargs: dict[str, Any] = {
        "bootstrap_servers": settings.bootstrap_servers,
        "security_protocol": settings.security_protocol,
    }
    context = ssl_context(settings)
    if context is not None:
        kwargs["ssl_context"] = context
    if settings.security_protocol.startswith("SASL"):
        kwargs.update(
            sasl_mechanism=settings.sasl_mechanism,
            sasl_plain_username=settings.sasl_username,
            sasl_plain_password=sasl_password(settings),
        )
    return kwargs


def faust_credentials(settings: Settings) -> Any:
    """The ``broker_credentials`` for the Faust app (None for PLAINTEXT)."""
    import faust

    _check(settings)
    context = ssl_context(settings)
    if settings.security_protocol.startswith("SASL"):
        return faust.SASLCredentials(
            username=settings.sasl_username,
            password=sasl_password(settings),
            mechanism=settings.sasl_mechanism,
            ssl_context=context,
        )
    if context is not None:
        return faust.SSLCredentials(context)
    return None


async def diagnose_connection(settings: Settings, timeout_s: float = 10.0) -> str:
    """Why the brokers cannot be reached, in words an operator can act on.

    Kafka clients report a refused login only as "unable to bootstrap"; one direct connection to
    the first bootstrap server tells authentication failures from network ones.
    """
    import asyncio

    from aiokafka.conn import create_conn
    from aiokafka.errors import SaslAuthenticationFailed

    host, _, port = settings.bootstrap_servers.split(",")[0].rpartition(":")
    kwargs = {k: v for k, v in client_kwargs(settings).items() if k != "bootstrap_servers"}
    where = f"Kafka at {host}:{port} ({settings.security_protocol})"
    try:
        conn = await asyncio.wait_for(create_conn(host, int(port), **kwargs), timeout_s)
    except SaslAuthenticationFailed:
        return (f"authentication failed: {where} refused user {settings.sasl_username!r} with"
                f" {settings.sasl_mechanism}; check WARTA_SASL_USERNAME and the password")
    except (OSError, asyncio.TimeoutError) as exc:
        return f"cannot connect to {where}: {exc or type(exc).__name__}"
    except Exception as exc:  # noqa: BLE001 - reported, not handled
        return f"cannot talk to {where}: {type(exc).__name__}: {exc}"
    conn.close()
    return f"{where} answers, but the request failed (see the error above)"
