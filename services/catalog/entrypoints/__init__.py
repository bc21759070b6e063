"""catalog's entrypoints: the gRPC servicer."""
