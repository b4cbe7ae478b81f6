"""/api/v1/: the API object, its errors in one shape ({"detail": ...}), and its OpenAPI document."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from ninja import NinjaAPI

from opendsr.api import people, records
from opendsr.api.auth import RateLimited, TokenAuth
from opendsr.oversight.services import EventError
from opendsr.policy import ScenarioError

api = NinjaAPI(
    title="OpenDSR API",
    version="1",
    description=(
        "Read and record what is on an integrated care board's dynamic support register. Every request needs "
        "a personal API token, made on the API tokens page of your account, sent as `Authorization: Bearer "
        "<token>`. A token acts as you: it sees only the people you may see and does only what your role "
        "allows, narrowed to the scopes chosen when it was made (read, record_events, record_referrals). "
        "A person you may not see is 404; an action your role or token may not take is 403; a token that is "
        "unknown, revoked or expired, or whose user is no longer active, is 401; too many requests in a "
        "minute is 429 with Retry-After."
    ),
    auth=TokenAuth(),
    urls_namespace="api_v1",
    docs_url=None,  # the documentation page is OpenDSR's own (opendsr.api.views.docs): no scripts from a CDN
)
api.add_router("", people.router)
api.add_router("", records.router)


@api.exception_handler(PermissionDenied)
def _forbidden(request, error):
    return api.create_response(request, {"detail": str(error) or "Your role may not do this"}, status=403)


@api.exception_handler(RateLimited)
def _too_many(request, error):
    response = api.create_response(request, {"detail": str(error)}, status=429)
    response["Retry-After"] = str(error.retry_after)
    return response


def _messages(error: DjangoValidationError) -> list[dict]:
    if hasattr(error, "error_dict"):
        return [
            {"loc": ["body", field], "msg": message}
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return [{"loc": ["body"], "msg": message} for message in error.messages]


@api.exception_handler(DjangoValidationError)
def _refused(request, error):
    return api.create_response(request, {"detail": _messages(error)}, status=422)


@api.exception_handler(EventError)
def _event_refused(request, error):
    return api.create_response(
        request, {"detail": [{"loc": ["body", error.field or "date"], "msg": str(error)}]}, status=422
    )


@api.exception_handler(ScenarioError)
def _malformed_event(request, error):
    return api.create_response(request, {"detail": [{"loc": ["body"], "msg": str(error)}]}, status=422)
