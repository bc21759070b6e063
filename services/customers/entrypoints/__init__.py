"""customers' entrypoints: the gRPC servicer."""
