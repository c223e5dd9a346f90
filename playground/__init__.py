"""The browser playground: the whole team's Telegram on one page, with no token.

`presale-bot playground` runs the real bot against the in-process emulator, on a fresh
database in a temporary folder, with a ready team; the emulator's own server also serves a
page that shows every person's chat with the bot and the team group, lets the visitor act
as anyone, moves the bot's clock, and plays guided tours.
"""
