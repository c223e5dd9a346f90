"""The database: models, repositories, FSM storage and migrations."""
