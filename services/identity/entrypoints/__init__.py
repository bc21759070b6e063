"""identity's entrypoints: the gRPC servicer."""
