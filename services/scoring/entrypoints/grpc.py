"""scoring's gRPC servicer: protobuf in, the rules, protobuf out."""

from __future__ import annotations

from typing import Any

from agora.scoring.v1 import scoring_pb2 as pb
from agora.scoring.v1 import scoring_pb2_grpc as pb_grpc
from services.platform.grpc_server import Servicer
from services.scoring import rules
from services.scoring.entrypoints.messages import (
    RISKS,
    assessment_inputs,
    assessment_message,
    known,
    loan_of,
    offer_message,
    product_of,
)

Context = Any


class ScoringServicer(pb_grpc.ScoringServiceServicer):
    async def Assess(self, request: pb.AssessRequest, context: Context) -> pb.AssessResponse:
        return assessment_message(rules.assess(*assessment_inputs(request)))

    async def GenerateOffer(self, request: pb.GenerateOfferRequest, context: Context) -> pb.GenerateOfferResponse:
        offer = rules.generate_offer(
            loan_of(request.loan),
            request.score_tenths,
            known(RISKS, request.risk, "risk"),
            [product_of(product) for product in request.products],
        )
        return pb.GenerateOfferResponse(offer=offer_message(offer))


def scoring_servicer() -> Servicer:
    return Servicer(
        ScoringServicer(),
        pb_grpc.add_ScoringServiceServicer_to_server,
        pb.DESCRIPTOR.services_by_name["ScoringService"].full_name,
    )
