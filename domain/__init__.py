"""Domain rules of Presale Desk: plain functions and types free of aiogram and SQLAlchemy."""
