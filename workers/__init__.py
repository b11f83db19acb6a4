"""Warta: raw news articles in, enriched structured records out, over Kafka.

The package is laid out the way data flows:

- ``workers.stages``: the four pure stage functions (no Kafka), one module each;
- ``workers.nlp``: building blocks the stages share (entities, dates, media, ...);
- ``workers.records``: the record contract (raw normalisation, pipeline trail, DLQ records);
- ``workers.pipeline``: the ordered stage table and the in-process runner;
- ``workers.app``: thin Faust agents wiring topics to stages;
- ``workers.settings``, ``workers.errors``: every setting and every error class, each declared once;
- ``workers.cli``: the ``warta`` command.
"""

__version__ = "0.1.0"
