"""Several bot instances behaving as one: per-chat turns, leases, shared limits and locks."""
