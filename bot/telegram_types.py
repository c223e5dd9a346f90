"""Import aiogram without building every Telegram type up front.

``aiogram.types`` declares its ~400 models with ``defer_build=True`` and then calls
``model_rebuild()`` on every one of them at import, which is about 1.5 s of pydantic
schema work on every start of the bot: most of its start-up time, although an update
needs only a handful of those models. While aiogram is imported here, that call only
collects the namespace the models resolve their forward references in (names the type
modules import for type checking only); afterwards those names are put into each type
module, and pydantic builds a model the first time it validates one (a few
milliseconds, once per model). The same classes, the same validation, the same errors.
The models every update and nearly every answer need are built right away, bottom-up,
so that the first person to write after a start does not wait for them.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

if TYPE_CHECKING:
    from aiogram.methods import TelegramMethod

_PACKAGE = "aiogram."

# Built at import, in this order: each reuses the schemas built before it (Update built
# first would build Message inside itself and then again on its own).
HOT_TYPES = (
    "Message",
    "CallbackQuery",
    "ChatMemberUpdated",
    "Update",
    "InlineKeyboardMarkup",
    "ReplyKeyboardMarkup",
    "ReplyKeyboardRemove",
)
HOT_METHODS = (
    "GetUpdates",
    "SendMessage",
    "EditMessageText",
    "EditMessageReplyMarkup",
    "AnswerCallbackQuery",
)


def defer_type_builds() -> None:
    """Import aiogram with its eager rebuild loop turned into namespace bookkeeping.

    Does nothing when aiogram is already imported (its models are built by then).
    """
    if "aiogram" in sys.modules:
        return
    eager = BaseModel.__dict__["model_rebuild"]

    def record_namespace(cls: type[BaseModel], /, **options: Any) -> bool | None:
        # Only aiogram's own loop passes a types namespace; anything else rebuilds as usual.
        types_namespace: Mapping[str, Any] | None = options.get("_types_namespace")
        if (
            types_namespace is None
            or options.get("force")
            or not cls.__module__.startswith(_PACKAGE)
        ):
            return eager.__func__(cls, **options)  # type: ignore[no-any-return]
        namespace.update(types_namespace)
        modules.add(cls.__module__)
        return None

    namespace: dict[str, Any] = {}
    modules: set[str] = set()
    BaseModel.model_rebuild = classmethod(record_namespace)  # type: ignore[method-assign,assignment]
    # The collector would walk aiogram's half-made classes again and again as they pile
    # up (a few hundred ms of the import); nothing made here is garbage.
    collecting = gc.isenabled()
    gc.disable()
    try:
        import aiogram  # noqa: F401
    finally:
        BaseModel.model_rebuild = eager  # type: ignore[method-assign]
        if collecting:
            gc.enable()
    # Pydantic resolves a model's forward references, also when it builds one nested in
    # another (a method's parameters, an update's message), in the model's own module.
    for name in modules:
        module_namespace = vars(sys.modules[name])
        for key, value in namespace.items():
            module_namespace.setdefault(key, value)
    _build_hot_models()


def hot_methods() -> list[type[TelegramMethod[Any]]]:
    """The Bot API methods nearly every update calls."""
    from aiogram import methods

    return [getattr(methods, name) for name in HOT_METHODS]


def _build_hot_models() -> None:
    from aiogram import types

    for name in HOT_TYPES:
        getattr(types, name).model_rebuild()
    for method in hot_methods():
        method.model_rebuild()
