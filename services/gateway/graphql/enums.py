"""The contract's enums, bound to the REST models' values the resolvers pass around (GraphQL ACTIVE is `active`)."""

from __future__ import annotations

from ariadne import EnumType

from agora.rest.agora_v1 import models

ENUMS = [
    EnumType("Role", {role.name.upper(): role for role in models.Role}),
    EnumType("ProductStatus", {status.name.upper(): status for status in models.ProductStatus}),
    EnumType("ProductDeletionState", {state.name.upper(): state for state in models.ProductDeletionState}),
    EnumType("OrderStatus", {status.name: status for status in models.OrderStatus}),
    *(
        EnumType(name, {member.name: member for member in enum})
        for name, enum in (
            ("EmploymentStatus", models.EmploymentStatus),
            ("LoanPurpose", models.LoanPurpose),
            ("CreditApplicationStatus", models.ApplicationStatus),
            ("RiskBand", models.RiskBand),
            ("CreditOfferStatus", models.OfferStatus),
            ("LoanStatus", models.LoanStatus),
            ("LoanPaymentStatus", models.PaymentStatus),
            ("CreditDecision", models.Decision),
        )
    ),
]
