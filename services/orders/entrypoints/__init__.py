"""orders' entrypoints: gRPC servicer and the saga's event consumer."""
