"""wallet's entrypoints: gRPC servicer and event consumer."""
