"""Agora's services: one package per bounded context, plus the shared platform runtime."""
