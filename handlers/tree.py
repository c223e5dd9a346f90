"""Fresh router trees, so every bot built in one process gets its own.

Feature modules declare one module-level `Router` with decorators, the aiogram idiom.
aiogram lets a router have only one parent, so a second app in the same process (a test,
the demo, the benchmark) could not include the same routers again. `clone` copies the
declarations (handlers, observer filters, middlewares) into new routers instead.
"""

from __future__ import annotations

from aiogram import Router


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
