"""Integration tests use the session broker fixtures of ``tests/kafka.py`` (registered once in
``tests/conftest.py`` so every test directory shares one broker)."""
