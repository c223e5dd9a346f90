"""Small programs for the systems around the bot, documented in README."""
