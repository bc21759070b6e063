"""The runtime every service uses the same way: settings, logging, database, gRPC, errors and REST glue."""
