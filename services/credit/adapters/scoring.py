"""scoring as credit sees it: an assessment and, when approved, the offer the best product makes, over gRPC."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import grpc

from agora.scoring.v1 import scoring_pb2 as pb
from agora.scoring.v1.scoring_pb2_grpc import ScoringServiceStub
from services.platform.errors import Unavailable
from services.platform.grpc_client import Caller, ServiceClient

if TYPE_CHECKING:
    from agora.scoring.v1.scoring_pb2_grpc import ScoringServiceAsyncStub


class ScoringUnavailable(Unavailable):
    code = "scoring_unavailable"


class ScoringEngine:
    def __init__(self, address: str, call: Caller) -> None:
        self.scoring: ServiceClient[ScoringServiceAsyncStub] = ServiceClient(address, ScoringServiceStub, call)

    async def assess(
        self, request: pb.AssessRequest, products: Sequence[pb.CreditProduct]
    ) -> tuple[pb.AssessResponse, pb.Offer | None]:
        """scoring's result and, for an approval, its offer (None when no product fits).

        Raises ScoringUnavailable while scoring does not answer; any other refusal is a bug in the request.
        """
        stub = self.scoring.stub()
        try:
            result = await self.scoring.call(stub.Assess, request)
            if not result.approved:
                return result, None
            offer_request = pb.GenerateOfferRequest(
                loan=request.loan, score_tenths=result.score_tenths, risk=result.risk, products=products
            )
            try:
                return result, (await self.scoring.call(stub.GenerateOffer, offer_request)).offer
            except grpc.aio.AioRpcError as error:
                if error.code() is grpc.StatusCode.FAILED_PRECONDITION:
                    return result, None
                raise
        except grpc.aio.AioRpcError as error:
            if error.code() in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED):
                raise ScoringUnavailable(f"scoring did not answer: {error.details()}") from error
            raise

    async def close(self) -> None:
        await self.scoring.close()
