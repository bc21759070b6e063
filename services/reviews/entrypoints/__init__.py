"""reviews entrypoints: gRPC and the event consumers."""
