"""`python -m bot` is the same as `presale-bot`."""

from bot.cli import main

raise SystemExit(main())
