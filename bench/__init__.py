"""The benchmark: the real bot, as a separate process, against the in-process emulator.

``python -m bench`` (``--quick`` for the small run CI does) prints a table; see README.md.
"""
