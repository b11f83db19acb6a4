"""Every error class Warta raises, and where each one goes.

Two destinations exist (see docs/delivery.md for the full commit/DLQ algorithm):

========================  ==========  ===================================================
class                     goes to     meaning
========================  ==========  ===================================================
``InvalidEncoding``       DLQ         payload bytes are not valid UTF-8
``InvalidJSON``           DLQ         payload is not JSON
``InvalidXML``            DLQ         an XML (NewsML-G2) payload that is malformed, holds no
                                      newsItem, or declares a DTD/entities (XML bombs and
                                      external entities are refused, never expanded)
``SchemaViolation``       DLQ         JSON, but not the shape the topic's schema requires
``EmptyBody``             DLQ         ``body`` is missing text (empty or whitespace only)
``BodyTooLarge``          DLQ         ``body`` longer than ``WARTA_MAX_BODY_CHARS``
``OutputTooLarge``        DLQ         the stage's output record would exceed
                                      ``WARTA_MAX_MESSAGE_BYTES`` (e.g. a maximal body made of
                                      100,000 numbers); sending it would fail on every retry
``StageFailure``          DLQ         a stage function raised on this article (a bug or an
                                      input it cannot handle); the original exception class
                                      is kept in the message
``DeliveryFailed``        crash       the broker did not accept an output record after the
                                      client's retries; the worker exits without committing
                                      so the article is consumed again after restart
``AgentFailed``           crash       an agent's own code (not a stage function) raised, or
                                      its acknowledgement task ended: messages it processed
                                      can no longer be acked in order, and Faust would restart
                                      the agent and could commit past them; the worker exits
                                      without committing instead
========================  ==========  ===================================================

Nothing is retried in-process: a stage is a pure function, so running it again on the same
input gives the same error. Transient broker errors are retried inside the Kafka client
(aiokafka's own retry/backoff) before they surface as ``DeliveryFailed``.
"""

from __future__ import annotations


class WartaError(Exception):
    """Base class of every Warta error."""

    #: Where the article goes when this error is raised: ``"dlq"`` or ``"crash"``.
    destination = "dlq"


class InputError(WartaError):
    """The input record itself is unusable; fixing the producer (or the record) is the cure."""


class InvalidEncoding(InputError):
    """The payload is not valid UTF-8."""


class InvalidJSON(InputError):
    """The payload is not a JSON document."""


class InvalidXML(InputError):
    """The payload is XML Warta cannot or will not read as NewsML-G2."""


class SchemaViolation(InputError):
    """The JSON does not match the topic's schema."""


class EmptyBody(InputError):
    """The article has no body text."""


class BodyTooLarge(InputError):
    """The article body exceeds the configured limit."""


class OutputTooLarge(WartaError):
    """A stage's output record is larger than the largest record the worker may produce."""


class StageFailure(WartaError):
    """A stage function raised while processing an article."""


class DeliveryFailed(WartaError):
    """An output record could not be delivered to Kafka."""

    destination = "crash"


class AgentFailed(WartaError):
    """An agent can no longer ack its messages in order (a bug outside the stage functions)."""

    destination = "crash"


#: Every class above, for docs and tests.
ALL_ERRORS: tuple[type[WartaError], ...] = (
    InvalidEncoding,
    InvalidJSON,
    InvalidXML,
    SchemaViolation,
    EmptyBody,
    BodyTooLarge,
    OutputTooLarge,
    StageFailure,
    DeliveryFailed,
    AgentFailed,
)
