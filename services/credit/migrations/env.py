from services.platform.db import run_migrations

run_migrations()
