from enum import Enum


class Role(str, Enum):
    CUSTOMER = "CUSTOMER"
    ADMIN = "ADMIN"


class ProductStatus(str, Enum):
    ACTIVE = "ACTIVE"
    INACTIVE = "INACTIVE"


class ProductDeletionState(str, Enum):
    PENDING = "PENDING"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"


class OrderStatus(str, Enum):
    PENDING = "PENDING"
    RESERVED = "RESERVED"
    PAID = "PAID"
    SHIPPED = "SHIPPED"
    DELIVERED = "DELIVERED"
    CANCELLING = "CANCELLING"
    CANCELLED = "CANCELLED"
    COMPENSATION_FAILED = "COMPENSATION_FAILED"


class EmploymentStatus(str, Enum):
    EMPLOYED = "EMPLOYED"
    SELF_EMPLOYED = "SELF_EMPLOYED"
    UNEMPLOYED = "UNEMPLOYED"


class LoanPurpose(str, Enum):
    MORTGAGE = "MORTGAGE"
    AUTO = "AUTO"
    REFINANCE = "REFINANCE"
    SECURED = "SECURED"
    CONSUMER = "CONSUMER"
    UNSECURED = "UNSECURED"
    BUSINESS = "BUSINESS"
    EDUCATION = "EDUCATION"
    MEDICAL = "MEDICAL"
    OVERDRAFT = "OVERDRAFT"


class CreditApplicationStatus(str, Enum):
    REVIEWING = "REVIEWING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


class RiskBand(str, Enum):
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"


class CreditOfferStatus(str, Enum):
    PROPOSED = "PROPOSED"
    ACCEPTED = "ACCEPTED"
    REJECTED = "REJECTED"
    EXPIRED = "EXPIRED"
    CANCELED = "CANCELED"


class LoanStatus(str, Enum):
    DISBURSING = "DISBURSING"
    ACTIVE = "ACTIVE"
    CLOSED = "CLOSED"


class LoanPaymentStatus(str, Enum):
    PLANNED = "PLANNED"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    CANCELED = "CANCELED"
    DELAYED = "DELAYED"


class CreditDecision(str, Enum):
    ACCEPTED = "ACCEPTED"
    REJECTED = "REJECTED"
