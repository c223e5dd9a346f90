"""The page's own words, from `locales/<lang>/playground.ftl`, in every language at once.

The page fills in arguments itself: each variable of a message is sent as ``{name}``.
"""

from __future__ import annotations

from fluent.syntax import FluentParser, ast, visitor

from bot.i18n import LOCALES, LOCALES_DIR, Html, I18n

FILE_NAME = "playground.ftl"


class _Variables(visitor.Visitor):
    """Collects the names of the variables a message uses."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_VariableReference(self, node: ast.VariableReference) -> None:  # noqa: N802
        self.names.add(node.id.name)


def _messages() -> dict[str, set[str]]:
    """Every message of the default locale's file, with the variables it uses."""
    source = (LOCALES_DIR / "ru" / FILE_NAME).read_text(encoding="utf-8")
    found: dict[str, set[str]] = {}
    for entry in FluentParser().parse(source).body:
        if isinstance(entry, ast.Message):
            variables = _Variables()
            variables.visit(entry)
            found[entry.id.name] = variables.names
    return found


def page_strings() -> dict[str, dict[str, str]]:
    """``{locale: {key: text}}`` for every message of the page."""
    i18n = I18n()
    messages = _messages()
    return {
        locale: {
            key: i18n.get(locale)(key, **{name: Html("{" + name + "}") for name in names})
            for key, names in messages.items()
        }
        for locale in LOCALES
    }
