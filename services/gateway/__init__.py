"""gateway: the public REST edge; verifies tokens, keeps idempotency keys and calls services over gRPC."""
