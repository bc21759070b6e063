from typing import Any, Optional, Union

from .add_favourite import AddFavourite
from .apply_for_credit import ApplyForCredit
from .base_client import BaseClient
from .base_model import UNSET, UnsetType
from .cancel_order import CancelOrder
from .cart import Cart
from .convert_currency import ConvertCurrency
from .credit_application import CreditApplication
from .credit_applications import CreditApplications
from .credit_products import CreditProducts
from .credit_statistics import CreditStatistics
from .decide_credit_offer import DecideCreditOffer
from .delete_review import DeleteReview
from .enums import OrderStatus
from .input_types import (
    ApplyForCreditInput,
    ConvertCurrencyInput,
    DecideCreditOfferInput,
    PlaceOrderInput,
    SetCreditProfileInput,
    TransferInput,
    WriteReviewInput,
)
from .loan import Loan
from .mark_notification_read import MarkNotificationRead
from .notifications import Notifications
from .order import Order
from .orders import Orders
from .place_order import PlaceOrder
from .product_page import ProductPage
from .products import Products
from .set_cart_item import SetCartItem
from .set_credit_profile import SetCreditProfile
from .transactions import Transactions
from .transfer import Transfer
from .viewer import Viewer
from .write_review import WriteReview


def gql(q: str) -> str:
    return q


class GraphQLClient(BaseClient):
    def viewer(self, **kwargs: Any) -> Viewer:
        query = gql("""
            query Viewer {
              viewer {
                user {
                  id
                  username
                  role
                  createdAt
                }
                balances {
                  ...MoneyFields
                }
              }
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {}
        response = self.execute(
            query=query, operation_name="Viewer", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Viewer.model_validate(data)

    def cart(self, **kwargs: Any) -> Cart:
        query = gql("""
            query Cart {
              viewer {
                cart {
                  lines {
                    product {
                      id
                    }
                    name
                    quantity
                    unitPrice {
                      ...MoneyFields
                    }
                    lineTotal {
                      ...MoneyFields
                    }
                  }
                  totals {
                    ...MoneyFields
                  }
                }
              }
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {}
        response = self.execute(
            query=query, operation_name="Cart", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Cart.model_validate(data)

    def set_cart_item(
        self, product_id: str, quantity: int, **kwargs: Any
    ) -> SetCartItem:
        query = gql("""
            mutation SetCartItem($productId: ID!, $quantity: Int!) {
              setCartItem(input: {productId: $productId, quantity: $quantity}) {
                cart {
                  totals {
                    ...MoneyFields
                  }
                }
                userErrors {
                  ...UserErrorFields
                }
              }
            }

            fragment MoneyFields on Money {
              amount
              currency
            }

            fragment UserErrorFields on UserError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {"productId": product_id, "quantity": quantity}
        response = self.execute(
            query=query, operation_name="SetCartItem", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return SetCartItem.model_validate(data)

    def add_favourite(self, product_id: str, **kwargs: Any) -> AddFavourite:
        query = gql("""
            mutation AddFavourite($productId: ID!) {
              addFavourite(input: {productId: $productId}) {
                favourite {
                  product {
                    id
                    name
                  }
                  addedAt
                }
                userErrors {
                  ...UserErrorFields
                }
              }
            }

            fragment UserErrorFields on UserError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {"productId": product_id}
        response = self.execute(
            query=query, operation_name="AddFavourite", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return AddFavourite.model_validate(data)

    def products(
        self,
        first: Union[Optional[int], UnsetType] = UNSET,
        after: Union[Optional[str], UnsetType] = UNSET,
        category: Union[Optional[str], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> Products:
        query = gql("""
            query Products($first: Int = 20, $after: String, $category: String) {
              products(first: $first, after: $after, category: $category) {
                nodes {
                  ...ProductFields
                  rating {
                    average
                    count
                  }
                }
                pageInfo {
                  ...PageInfoFields
                }
              }
            }

            fragment MoneyFields on Money {
              amount
              currency
            }

            fragment PageInfoFields on PageInfo {
              hasNextPage
              endCursor
            }

            fragment ProductFields on Product {
              id
              name
              description
              category
              price {
                ...MoneyFields
              }
              stock
              status
              createdAt
              updatedAt
            }
            """)
        variables: dict[str, object] = {
            "first": first,
            "after": after,
            "category": category,
        }
        response = self.execute(
            query=query, operation_name="Products", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Products.model_validate(data)

    def product_page(
        self, id: str, reviews: Union[Optional[int], UnsetType] = UNSET, **kwargs: Any
    ) -> ProductPage:
        query = gql("""
            query ProductPage($id: ID!, $reviews: Int = 3) {
              product(id: $id) {
                ...ProductFields
                rating {
                  average
                  count
                }
                reviews(first: $reviews) {
                  nodes {
                    ...ReviewFields
                  }
                  pageInfo {
                    ...PageInfoFields
                  }
                }
              }
            }

            fragment MoneyFields on Money {
              amount
              currency
            }

            fragment PageInfoFields on PageInfo {
              hasNextPage
              endCursor
            }

            fragment ProductFields on Product {
              id
              name
              description
              category
              price {
                ...MoneyFields
              }
              stock
              status
              createdAt
              updatedAt
            }

            fragment ReviewFields on Review {
              id
              rating
              text
              author {
                id
                username
              }
              createdAt
              updatedAt
            }
            """)
        variables: dict[str, object] = {"id": id, "reviews": reviews}
        response = self.execute(
            query=query, operation_name="ProductPage", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return ProductPage.model_validate(data)

    def write_review(self, input: WriteReviewInput, **kwargs: Any) -> WriteReview:
        query = gql("""
            mutation WriteReview($input: WriteReviewInput!) {
              writeReview(input: $input) {
                review {
                  ...ReviewFields
                }
                userErrors {
                  ...UserErrorFields
                }
              }
            }

            fragment ReviewFields on Review {
              id
              rating
              text
              author {
                id
                username
              }
              createdAt
              updatedAt
            }

            fragment UserErrorFields on UserError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = self.execute(
            query=query, operation_name="WriteReview", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return WriteReview.model_validate(data)

    def delete_review(self, product_id: str, **kwargs: Any) -> DeleteReview:
        query = gql("""
            mutation DeleteReview($productId: ID!) {
              deleteReview(input: {productId: $productId}) {
                deleted
                userErrors {
                  ...UserErrorFields
                }
              }
            }

            fragment UserErrorFields on UserError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {"productId": product_id}
        response = self.execute(
            query=query, operation_name="DeleteReview", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return DeleteReview.model_validate(data)

    def set_credit_profile(
        self, input: SetCreditProfileInput, **kwargs: Any
    ) -> SetCreditProfile:
        query = gql("""
            mutation SetCreditProfile($input: SetCreditProfileInput!) {
              setCreditProfile(input: $input) {
                profile {
                  annualIncome {
                    ...MoneyFields
                  }
                  monthlyDebt {
                    ...MoneyFields
                  }
                  employmentStatus
                  birthDate
                  updatedAt
                }
                userErrors {
                  ...UserErrorFields
                }
              }
            }

            fragment MoneyFields on Money {
              amount
              currency
            }

            fragment UserErrorFields on UserError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = self.execute(
            query=query,
            operation_name="SetCreditProfile",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return SetCreditProfile.model_validate(data)

    def credit_products(
        self, include_inactive: Union[Optional[bool], UnsetType] = UNSET, **kwargs: Any
    ) -> CreditProducts:
        query = gql("""
            query CreditProducts($includeInactive: Boolean = false) {
              creditProducts(includeInactive: $includeInactive) {
                id
                code
                version
                purpose
                minTermMonths
                maxTermMonths
                rateMin
                rateMax
                active
                minAmount {
                  ...MoneyFields
                }
                maxAmount {
                  ...MoneyFields
                }
              }
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {"includeInactive": include_inactive}
        response = self.execute(
            query=query, operation_name="CreditProducts", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return CreditProducts.model_validate(data)

    def apply_for_credit(
        self, input: ApplyForCreditInput, **kwargs: Any
    ) -> ApplyForCredit:
        query = gql("""
            mutation ApplyForCredit($input: ApplyForCreditInput!) {
              applyForCredit(input: $input) {
                application {
                  ...CreditApplicationFields
                }
                userErrors {
                  ...UserErrorFields
                }
              }
            }

            fragment AssessmentFields on Assessment {
              revision
              score
              risk
              approved
              reasons
              hardStop
              rulesVersion
              assessedAt
              factors {
                name
                points
                weight
                contribution
              }
            }

            fragment CreditApplicationFields on CreditApplication {
              id
              status
              active
              revision
              amount {
                ...MoneyFields
              }
              termMonths
              purpose
              assessment {
                ...AssessmentFields
              }
              currentOffer {
                ...CreditOfferFields
              }
              createdAt
              updatedAt
            }

            fragment CreditOfferFields on CreditOffer {
              id
              status
              amount {
                ...MoneyFields
              }
              termMonths
              rate
              effectiveRate
              monthlyPayment {
                ...MoneyFields
              }
              expiresAt
              createdAt
              decidedAt
              rulesVersion
            }

            fragment MoneyFields on Money {
              amount
              currency
            }

            fragment UserErrorFields on UserError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = self.execute(
            query=query, operation_name="ApplyForCredit", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return ApplyForCredit.model_validate(data)

    def credit_application(self, id: str, **kwargs: Any) -> CreditApplication:
        query = gql("""
            query CreditApplication($id: ID!) {
              creditApplication(id: $id) {
                ...CreditApplicationFields
                offers {
                  ...CreditOfferFields
                }
              }
            }

            fragment AssessmentFields on Assessment {
              revision
              score
              risk
              approved
              reasons
              hardStop
              rulesVersion
              assessedAt
              factors {
                name
                points
                weight
                contribution
              }
            }

            fragment CreditApplicationFields on CreditApplication {
              id
              status
              active
              revision
              amount {
                ...MoneyFields
              }
              termMonths
              purpose
              assessment {
                ...AssessmentFields
              }
              currentOffer {
                ...CreditOfferFields
              }
              createdAt
              updatedAt
            }

            fragment CreditOfferFields on CreditOffer {
              id
              status
              amount {
                ...MoneyFields
              }
              termMonths
              rate
              effectiveRate
              monthlyPayment {
                ...MoneyFields
              }
              expiresAt
              createdAt
              decidedAt
              rulesVersion
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = self.execute(
            query=query,
            operation_name="CreditApplication",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return CreditApplication.model_validate(data)

    def credit_applications(
        self,
        first: Union[Optional[int], UnsetType] = UNSET,
        after: Union[Optional[str], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> CreditApplications:
        query = gql("""
            query CreditApplications($first: Int = 20, $after: String) {
              viewer {
                creditApplications(first: $first, after: $after) {
                  nodes {
                    ...CreditApplicationFields
                  }
                  pageInfo {
                    ...PageInfoFields
                  }
                }
              }
            }

            fragment AssessmentFields on Assessment {
              revision
              score
              risk
              approved
              reasons
              hardStop
              rulesVersion
              assessedAt
              factors {
                name
                points
                weight
                contribution
              }
            }

            fragment CreditApplicationFields on CreditApplication {
              id
              status
              active
              revision
              amount {
                ...MoneyFields
              }
              termMonths
              purpose
              assessment {
                ...AssessmentFields
              }
              currentOffer {
                ...CreditOfferFields
              }
              createdAt
              updatedAt
            }

            fragment CreditOfferFields on CreditOffer {
              id
              status
              amount {
                ...MoneyFields
              }
              termMonths
              rate
              effectiveRate
              monthlyPayment {
                ...MoneyFields
              }
              expiresAt
              createdAt
              decidedAt
              rulesVersion
            }

            fragment MoneyFields on Money {
              amount
              currency
            }

            fragment PageInfoFields on PageInfo {
              hasNextPage
              endCursor
            }
            """)
        variables: dict[str, object] = {"first": first, "after": after}
        response = self.execute(
            query=query,
            operation_name="CreditApplications",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return CreditApplications.model_validate(data)

    def decide_credit_offer(
        self, input: DecideCreditOfferInput, **kwargs: Any
    ) -> DecideCreditOffer:
        query = gql("""
            mutation DecideCreditOffer($input: DecideCreditOfferInput!) {
              decideCreditOffer(input: $input) {
                offer {
                  ...CreditOfferFields
                }
                loan {
                  ...LoanFields
                }
                userErrors {
                  ...UserErrorFields
                }
              }
            }

            fragment CreditOfferFields on CreditOffer {
              id
              status
              amount {
                ...MoneyFields
              }
              termMonths
              rate
              effectiveRate
              monthlyPayment {
                ...MoneyFields
              }
              expiresAt
              createdAt
              decidedAt
              rulesVersion
            }

            fragment LoanFields on Loan {
              id
              status
              principal {
                ...MoneyFields
              }
              rate
              termMonths
              monthlyPayment {
                ...MoneyFields
              }
              outstanding {
                ...MoneyFields
              }
              createdAt
              disbursedAt
              payments {
                id
                number
                dueOn
                status
                attempts
                externalReference
                principal {
                  ...MoneyFields
                }
                interest {
                  ...MoneyFields
                }
                amount {
                  ...MoneyFields
                }
              }
            }

            fragment MoneyFields on Money {
              amount
              currency
            }

            fragment UserErrorFields on UserError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = self.execute(
            query=query,
            operation_name="DecideCreditOffer",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return DecideCreditOffer.model_validate(data)

    def loan(self, id: str, **kwargs: Any) -> Loan:
        query = gql("""
            query Loan($id: ID!) {
              loan(id: $id) {
                ...LoanFields
              }
            }

            fragment LoanFields on Loan {
              id
              status
              principal {
                ...MoneyFields
              }
              rate
              termMonths
              monthlyPayment {
                ...MoneyFields
              }
              outstanding {
                ...MoneyFields
              }
              createdAt
              disbursedAt
              payments {
                id
                number
                dueOn
                status
                attempts
                externalReference
                principal {
                  ...MoneyFields
                }
                interest {
                  ...MoneyFields
                }
                amount {
                  ...MoneyFields
                }
              }
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = self.execute(
            query=query, operation_name="Loan", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Loan.model_validate(data)

    def credit_statistics(
        self, from_day: Any, to_day: Any, currency: str, **kwargs: Any
    ) -> CreditStatistics:
        query = gql("""
            query CreditStatistics($fromDay: Date!, $toDay: Date!, $currency: String!) {
              creditStatistics(fromDay: $fromDay, toDay: $toDay, currency: $currency) {
                requests {
                  count
                  amount {
                    count
                    average
                    minimum
                    maximum
                  }
                  averageTermMonths
                  averageAge
                  averageAnnualIncome
                  byPurpose {
                    key
                    count
                  }
                  byEmployment {
                    key
                    count
                  }
                }
                results {
                  count
                  approved
                  approvalRate
                  score {
                    count
                    average
                    minimum
                    maximum
                  }
                  byRisk {
                    key
                    count
                  }
                  byRejectionReason {
                    key
                    count
                  }
                }
                offers {
                  count
                  amount {
                    count
                    average
                    minimum
                    maximum
                  }
                  rate {
                    count
                    average
                    minimum
                    maximum
                  }
                  monthlyPayment {
                    count
                    average
                    minimum
                    maximum
                  }
                  byProduct {
                    key
                    count
                  }
                }
                conversion {
                  requestToApproval
                  approvalToOffer
                  requestToOffer
                }
              }
            }
            """)
        variables: dict[str, object] = {
            "fromDay": from_day,
            "toDay": to_day,
            "currency": currency,
        }
        response = self.execute(
            query=query,
            operation_name="CreditStatistics",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return CreditStatistics.model_validate(data)

    def notifications(
        self,
        first: Union[Optional[int], UnsetType] = UNSET,
        after: Union[Optional[str], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> Notifications:
        query = gql("""
            query Notifications($first: Int = 20, $after: String) {
              viewer {
                notifications(first: $first, after: $after) {
                  nodes {
                    ...NotificationFields
                  }
                  pageInfo {
                    ...PageInfoFields
                  }
                }
              }
            }

            fragment NotificationFields on Notification {
              id
              cursor
              kind
              title
              body
              data {
                key
                value
              }
              createdAt
              readAt
            }

            fragment PageInfoFields on PageInfo {
              hasNextPage
              endCursor
            }
            """)
        variables: dict[str, object] = {"first": first, "after": after}
        response = self.execute(
            query=query, operation_name="Notifications", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Notifications.model_validate(data)

    def mark_notification_read(self, id: str, **kwargs: Any) -> MarkNotificationRead:
        query = gql("""
            mutation MarkNotificationRead($id: ID!) {
              markNotificationRead(input: {id: $id}) {
                notification {
                  ...NotificationFields
                }
                userErrors {
                  ...UserErrorFields
                }
              }
            }

            fragment NotificationFields on Notification {
              id
              cursor
              kind
              title
              body
              data {
                key
                value
              }
              createdAt
              readAt
            }

            fragment UserErrorFields on UserError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = self.execute(
            query=query,
            operation_name="MarkNotificationRead",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return MarkNotificationRead.model_validate(data)

    def orders(
        self,
        first: Union[Optional[int], UnsetType] = UNSET,
        after: Union[Optional[str], UnsetType] = UNSET,
        status: Union[Optional[OrderStatus], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> Orders:
        query = gql("""
            query Orders($first: Int = 20, $after: String, $status: OrderStatus) {
              viewer {
                orders(first: $first, after: $after, status: $status) {
                  nodes {
                    ...OrderFields
                  }
                  pageInfo {
                    ...PageInfoFields
                  }
                }
              }
            }

            fragment MoneyFields on Money {
              amount
              currency
            }

            fragment OrderFields on Order {
              id
              status
              reason
              lines {
                product {
                  id
                }
                name
                quantity
                unitPrice {
                  ...MoneyFields
                }
              }
              total {
                ...MoneyFields
              }
              timeline {
                status
                reason
                at
              }
              createdAt
              updatedAt
            }

            fragment PageInfoFields on PageInfo {
              hasNextPage
              endCursor
            }
            """)
        variables: dict[str, object] = {
            "first": first,
            "after": after,
            "status": status,
        }
        response = self.execute(
            query=query, operation_name="Orders", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Orders.model_validate(data)

    def order(self, id: str, **kwargs: Any) -> Order:
        query = gql("""
            query Order($id: ID!) {
              node(id: $id) {
                __typename
                ... on Order {
                  ...OrderFields
                }
              }
            }

            fragment MoneyFields on Money {
              amount
              currency
            }

            fragment OrderFields on Order {
              id
              status
              reason
              lines {
                product {
                  id
                }
                name
                quantity
                unitPrice {
                  ...MoneyFields
                }
              }
              total {
                ...MoneyFields
              }
              timeline {
                status
                reason
                at
              }
              createdAt
              updatedAt
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = self.execute(
            query=query, operation_name="Order", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Order.model_validate(data)

    def place_order(self, input: PlaceOrderInput, **kwargs: Any) -> PlaceOrder:
        query = gql("""
            mutation PlaceOrder($input: PlaceOrderInput!) {
              placeOrder(input: $input) {
                order {
                  ...OrderFields
                }
                userErrors {
                  ...UserErrorFields
                }
              }
            }

            fragment MoneyFields on Money {
              amount
              currency
            }

            fragment OrderFields on Order {
              id
              status
              reason
              lines {
                product {
                  id
                }
                name
                quantity
                unitPrice {
                  ...MoneyFields
                }
              }
              total {
                ...MoneyFields
              }
              timeline {
                status
                reason
                at
              }
              createdAt
              updatedAt
            }

            fragment UserErrorFields on UserError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = self.execute(
            query=query, operation_name="PlaceOrder", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return PlaceOrder.model_validate(data)

    def cancel_order(self, id: str, **kwargs: Any) -> CancelOrder:
        query = gql("""
            mutation CancelOrder($id: ID!) {
              cancelOrder(input: {id: $id}) {
                order {
                  ...OrderFields
                }
                userErrors {
                  ...UserErrorFields
                }
              }
            }

            fragment MoneyFields on Money {
              amount
              currency
            }

            fragment OrderFields on Order {
              id
              status
              reason
              lines {
                product {
                  id
                }
                name
                quantity
                unitPrice {
                  ...MoneyFields
                }
              }
              total {
                ...MoneyFields
              }
              timeline {
                status
                reason
                at
              }
              createdAt
              updatedAt
            }

            fragment UserErrorFields on UserError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = self.execute(
            query=query, operation_name="CancelOrder", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return CancelOrder.model_validate(data)

    def transactions(
        self,
        first: Union[Optional[int], UnsetType] = UNSET,
        after: Union[Optional[str], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> Transactions:
        query = gql("""
            query Transactions($first: Int = 20, $after: String) {
              viewer {
                transactions(first: $first, after: $after) {
                  nodes {
                    ...TransactionFields
                  }
                  pageInfo {
                    ...PageInfoFields
                  }
                }
              }
            }

            fragment MoneyFields on Money {
              amount
              currency
            }

            fragment PageInfoFields on PageInfo {
              hasNextPage
              endCursor
            }

            fragment TransactionFields on WalletTransaction {
              id
              kind
              amounts {
                ...MoneyFields
              }
              counterparty {
                username
              }
              reference
              createdAt
            }
            """)
        variables: dict[str, object] = {"first": first, "after": after}
        response = self.execute(
            query=query, operation_name="Transactions", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Transactions.model_validate(data)

    def transfer(self, input: TransferInput, **kwargs: Any) -> Transfer:
        query = gql("""
            mutation Transfer($input: TransferInput!) {
              transfer(input: $input) {
                transaction {
                  ...TransactionFields
                }
                userErrors {
                  ...UserErrorFields
                }
              }
            }

            fragment MoneyFields on Money {
              amount
              currency
            }

            fragment TransactionFields on WalletTransaction {
              id
              kind
              amounts {
                ...MoneyFields
              }
              counterparty {
                username
              }
              reference
              createdAt
            }

            fragment UserErrorFields on UserError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = self.execute(
            query=query, operation_name="Transfer", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Transfer.model_validate(data)

    def convert_currency(
        self, input: ConvertCurrencyInput, **kwargs: Any
    ) -> ConvertCurrency:
        query = gql("""
            mutation ConvertCurrency($input: ConvertCurrencyInput!) {
              convertCurrency(input: $input) {
                transaction {
                  ...TransactionFields
                }
                rate
                userErrors {
                  ...UserErrorFields
                }
              }
            }

            fragment MoneyFields on Money {
              amount
              currency
            }

            fragment TransactionFields on WalletTransaction {
              id
              kind
              amounts {
                ...MoneyFields
              }
              counterparty {
                username
              }
              reference
              createdAt
            }

            fragment UserErrorFields on UserError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = self.execute(
            query=query, operation_name="ConvertCurrency", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return ConvertCurrency.model_validate(data)
