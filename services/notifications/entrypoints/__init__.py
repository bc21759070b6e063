"""notifications' entrypoints: the gRPC servicer and the event consumer."""
