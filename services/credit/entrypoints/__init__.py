"""credit entrypoints: gRPC, the event consumers and the collection scheduler."""
