"""catalog's entrypoints: the gRPC servicer and the event consumer."""
