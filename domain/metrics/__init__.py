"""The numbers managers steer by, as plain functions over stored facts.

A storage query gathers requests, events, steps and meetings into a :class:`History`;
the functions here compute from it and import neither aiogram nor SQLAlchemy, so every
number can be checked against a history built by hand. README's "Metrics" section
defines each one.
"""
