"""A reference central system (FastAPI + SQLite) for demo, development and tests."""
