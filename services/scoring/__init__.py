"""scoring: the stateless credit-scoring engine (Assess, GenerateOffer) behind a gRPC server."""
