"""Fresh router trees, so every bot built in one process gets its own.

Feature modules declare one module-level `Router` with decorators, the aiogram idiom.
aiogram lets a router have only one parent, so a second app in the same process (a test,
the demo, the benchmark) could not include the same routers again. `clone` copies the
declarations (handlers, observer filters, middlewares) into new routers instead.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from aiogram import Router
from aiogram.dispatcher.event.handler import FilterObject


def clone(router: Router) -> Router:
    """A new router with the same handlers, filters, middlewares and sub-routers."""
    copy = Router(name=router.name)
    for event_name, source in router.observers.items():
        target = copy.observers[event_name]
        target.handlers.extend(source.handlers)
        if source._handler.filters:
            target._handler.filters = list(source._handler.filters)
        for middleware in source.middleware:
            target.middleware(middleware)
        for middleware in source.outer_middleware:
            target.outer_middleware(middleware)
    for child in router.sub_routers:
        copy.include_router(clone(child))
    return copy


def check_inline(router: Router) -> None:
    """Let the tree's plain (non-async) filters run in the event loop, as they are written.

    aiogram runs every callable that is not a coroutine function through
    ``asyncio.to_thread``, and its magic filters (``F.text``, ``F.data == ...``) and a
    ``State`` used as a filter are such callables: each check of each candidate handler
    was a trip to a worker thread and back through the loop's wake-up pipe, several per
    update. They only read the event, so they run inline instead. Handlers are all
    coroutines; one that is not would still go to a thread, which is what it would need.
    """
    for observer in router.observers.values():
        for handler in observer.handlers:
            _inline(handler.filters or ())
        _inline(observer._handler.filters or ())
    for child in router.sub_routers:
        check_inline(child)


def _inline(filters: Iterable[FilterObject]) -> None:
    for event_filter in filters:
        if not event_filter.awaitable:
            event_filter.callback = _in_loop(event_filter.callback)
            event_filter.awaitable = True


def _in_loop(check: Callable[..., Any]) -> Callable[..., Awaitable[Any]]:
    async def run(*args: Any, **kwargs: Any) -> Any:
        return check(*args, **kwargs)

    return run
