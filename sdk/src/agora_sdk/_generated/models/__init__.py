"""Contains all the data models used in inputs/outputs"""

from .amount import Amount
from .application_status import ApplicationStatus
from .assessment import Assessment
from .balance_list import BalanceList
from .cart import Cart
from .cart_item_request import CartItemRequest
from .cart_line import CartLine
from .charge_request import ChargeRequest
from .conversion import Conversion
from .conversion_request import ConversionRequest
from .counterparty import Counterparty
from .create_product_request import CreateProductRequest
from .credit_application import CreditApplication
from .credit_application_page import CreditApplicationPage
from .credit_application_request import CreditApplicationRequest
from .credit_application_update import CreditApplicationUpdate
from .credit_offer import CreditOffer
from .credit_offer_decision import CreditOfferDecision
from .credit_offer_decision_request import CreditOfferDecisionRequest
from .credit_offer_decision_request_decision import CreditOfferDecisionRequestDecision
from .credit_offer_list import CreditOfferList
from .credit_product import CreditProduct
from .credit_product_list import CreditProductList
from .credit_product_request import CreditProductRequest
from .credit_profile import CreditProfile
from .credit_profile_request import CreditProfileRequest
from .credit_report import CreditReport
from .credit_report_list import CreditReportList
from .credit_report_request import CreditReportRequest
from .credit_statistics import CreditStatistics
from .credit_statistics_conversion import CreditStatisticsConversion
from .credit_statistics_offers import CreditStatisticsOffers
from .credit_statistics_requests import CreditStatisticsRequests
from .credit_statistics_results import CreditStatisticsResults
from .employment_status import EmploymentStatus
from .favourite import Favourite
from .favourite_page import FavouritePage
from .field_error import FieldError
from .loan import Loan
from .loan_list import LoanList
from .loan_payment import LoanPayment
from .loan_purpose import LoanPurpose
from .loan_status import LoanStatus
from .login_request import LoginRequest
from .logout_request import LogoutRequest
from .money import Money
from .notification import Notification
from .notification_data import NotificationData
from .notification_page import NotificationPage
from .offer_status import OfferStatus
from .order import Order
from .order_item import OrderItem
from .order_line import OrderLine
from .order_page import OrderPage
from .order_status import OrderStatus
from .order_timeline import OrderTimeline
from .payment_status import PaymentStatus
from .place_order_request import PlaceOrderRequest
from .price import Price
from .problem import Problem
from .product import Product
from .product_deletion import ProductDeletion
from .product_deletion_state import ProductDeletionState
from .product_page import ProductPage
from .product_rating import ProductRating
from .product_status import ProductStatus
from .rate import Rate
from .rate_list import RateList
from .refresh_request import RefreshRequest
from .register_request import RegisterRequest
from .review import Review
from .review_page import ReviewPage
from .review_request import ReviewRequest
from .risk_band import RiskBand
from .role import Role
from .score_factor import ScoreFactor
from .set_rate_request import SetRateRequest
from .summary import Summary
from .tally import Tally
from .timeline_entry import TimelineEntry
from .token_pair import TokenPair
from .token_pair_token_type import TokenPairTokenType
from .top_up_request import TopUpRequest
from .total import Total
from .transfer_request import TransferRequest
from .update_product_request import UpdateProductRequest
from .user import User
from .wallet_currency import WalletCurrency
from .wallet_transaction import WalletTransaction
from .wallet_transaction_kind import WalletTransactionKind
from .wallet_transaction_page import WalletTransactionPage

__all__ = (
    "Amount",
    "ApplicationStatus",
    "Assessment",
    "BalanceList",
    "Cart",
    "CartItemRequest",
    "CartLine",
    "ChargeRequest",
    "Conversion",
    "ConversionRequest",
    "Counterparty",
    "CreateProductRequest",
    "CreditApplication",
    "CreditApplicationPage",
    "CreditApplicationRequest",
    "CreditApplicationUpdate",
    "CreditOffer",
    "CreditOfferDecision",
    "CreditOfferDecisionRequest",
    "CreditOfferDecisionRequestDecision",
    "CreditOfferList",
    "CreditProduct",
    "CreditProductList",
    "CreditProductRequest",
    "CreditProfile",
    "CreditProfileRequest",
    "CreditReport",
    "CreditReportList",
    "CreditReportRequest",
    "CreditStatistics",
    "CreditStatisticsConversion",
    "CreditStatisticsOffers",
    "CreditStatisticsRequests",
    "CreditStatisticsResults",
    "EmploymentStatus",
    "Favourite",
    "FavouritePage",
    "FieldError",
    "Loan",
    "LoanList",
    "LoanPayment",
    "LoanPurpose",
    "LoanStatus",
    "LoginRequest",
    "LogoutRequest",
    "Money",
    "Notification",
    "NotificationData",
    "NotificationPage",
    "OfferStatus",
    "Order",
    "OrderItem",
    "OrderLine",
    "OrderPage",
    "OrderStatus",
    "OrderTimeline",
    "PaymentStatus",
    "PlaceOrderRequest",
    "Price",
    "Problem",
    "Product",
    "ProductDeletion",
    "ProductDeletionState",
    "ProductPage",
    "ProductRating",
    "ProductStatus",
    "Rate",
    "RateList",
    "RefreshRequest",
    "RegisterRequest",
    "Review",
    "ReviewPage",
    "ReviewRequest",
    "RiskBand",
    "Role",
    "ScoreFactor",
    "SetRateRequest",
    "Summary",
    "Tally",
    "TimelineEntry",
    "TokenPair",
    "TokenPairTokenType",
    "TopUpRequest",
    "Total",
    "TransferRequest",
    "UpdateProductRequest",
    "User",
    "WalletCurrency",
    "WalletTransaction",
    "WalletTransactionKind",
    "WalletTransactionPage",
)
