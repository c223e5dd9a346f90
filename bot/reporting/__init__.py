"""Reports for managers: gathered from the database, computed in ``domain.metrics``,
composed in the reader's language and sent as text, tables and charts."""
