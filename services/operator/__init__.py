"""The operator's commands behind `agora`: migrations, status, dead letters, signing keys and admins."""
