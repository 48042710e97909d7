"""The Kuajing / PandaPon OpenAPI client SDK. Needs only httpx and pydantic.

from kuajing.client import Client
with Client(base_url="http://127.0.0.1:8080", access_key=..., access_secret=..., user_id=...) as kj:
    print(kj.addresses.list())
"""

from kuajing.client._base import Operation as Operation
from kuajing.client._client import AsyncClient as AsyncClient
from kuajing.client._client import Client as Client
from kuajing.client.errors import APIConnectionError as APIConnectionError
from kuajing.client.errors import APIError as APIError
from kuajing.client.errors import APITimeoutError as APITimeoutError
from kuajing.client.errors import AuthenticationError as AuthenticationError
from kuajing.client.errors import BadRequestError as BadRequestError
from kuajing.client.errors import BusinessError as BusinessError
from kuajing.client.errors import ConflictError as ConflictError
from kuajing.client.errors import InternalServerError as InternalServerError
from kuajing.client.errors import KuajingError as KuajingError
from kuajing.client.errors import NotFoundError as NotFoundError
from kuajing.client.errors import PermissionDeniedError as PermissionDeniedError
from kuajing.client.errors import RateLimitError as RateLimitError
from kuajing.client.errors import ResponseFormatError as ResponseFormatError
from kuajing.client.webhooks import CallbackMessage as CallbackMessage
from kuajing.client.webhooks import DuplicateCallback as DuplicateCallback
from kuajing.client.webhooks import InvalidCallbackSignature as InvalidCallbackSignature
from kuajing.client.webhooks import RecentMessageIds as RecentMessageIds
from kuajing.client.webhooks import SeenMessageIds as SeenMessageIds
from kuajing.client.webhooks import StaleCallback as StaleCallback
from kuajing.client.webhooks import WebhookVerifier as WebhookVerifier
from kuajing.client.webhooks import parse_callback as parse_callback
from kuajing.client.webhooks import verify as verify

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AsyncClient",
    "AuthenticationError",
    "BadRequestError",
    "BusinessError",
    "CallbackMessage",
    "Client",
    "ConflictError",
    "DuplicateCallback",
    "InternalServerError",
    "InvalidCallbackSignature",
    "KuajingError",
    "NotFoundError",
    "Operation",
    "PermissionDeniedError",
    "RateLimitError",
    "RecentMessageIds",
    "ResponseFormatError",
    "SeenMessageIds",
    "StaleCallback",
    "WebhookVerifier",
    "parse_callback",
    "verify",
]
