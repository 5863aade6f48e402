"""Views of the push API: telephony platforms and other systems send calls,
contacts and self-service counts as they happen.

Each endpoint takes one JSON object or a list of them (at most `MAX_ITEMS`)
with the file format's field names, checks EVERY item with the import's parser
(`records.py`) and stores all or nothing through the services, idempotent by
id. A comment, not a class docstring: drf-spectacular would show a docstring
as every operation's description.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import ParseError, UnsupportedMediaType
from rest_framework.parsers import JSONParser
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from indgang.catalogue.api.serializers import ErrorSerializer

from .. import services
from ..models import Call
from ..records import (
    CALL_FIELDS,
    CONTACT_FIELDS,
    SELF_SERVICE_FIELDS,
    Lookups,
    RecordError,
    call_parse,
    contact_parse,
    self_service_parse,
)
from .serializers import (
    CALLS_REQUEST,
    CONTACTS_REQUEST,
    SELF_SERVICE_REQUEST,
    PushErrorSerializer,
    PushResultSerializer,
    SelfServicePushResultSerializer,
)

TAGS = ["contacts"]
MAX_ITEMS = 10_000
SOURCE_MAX_LENGTH = Call._meta.get_field("source").max_length


class HasPushPerm(BasePermission):
    """The Django permission named by the view's `perm` (the integration role
    has them); anonymous requests get 401 with `WWW-Authenticate: Token`."""

    message = _("Din bruger må ikke sende disse data. Brug en bruger med rollen Integration.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.is_active and user.has_perm(view.perm))


@dataclass(frozen=True)
class Kind:
    fields: tuple[str, ...]
    parse: Callable
    store: Callable
    id_field: str | None
    duplicate: str
    # Without an id: which parsed records count as the same item twice in one body.
    key: Callable[[object], Hashable] | None = None


CALLS = Kind(
    fields=CALL_FIELDS,
    parse=call_parse,
    store=services.calls_store,
    id_field="call_id",
    duplicate=_("samme call_id som post %(index)d"),
)
CONTACTS = Kind(
    fields=CONTACT_FIELDS,
    parse=contact_parse,
    store=services.contacts_store,
    id_field="contact_id",
    duplicate=_("samme contact_id som post %(index)d"),
)
SELF_SERVICE = Kind(
    fields=SELF_SERVICE_FIELDS,
    parse=self_service_parse,
    store=services.self_service_store,
    id_field=None,
    key=lambda r: (r.service_id, r.period_start, r.period_end),
    duplicate=_("samme ydelse og periode som post %(index)d"),
)


class BadBody(ParseError):
    """400 `{"detail": "..."}`: the body is not JSON, or not an object or a list of objects."""


def _items(request) -> list[Mapping]:
    try:
        data = request.data
    except UnsupportedMediaType as exc:
        raise BadBody(_("Send JSON med Content-Type: application/json.")) from exc
    except ParseError as exc:
        raise BadBody(
            _("Indholdet er ikke gyldig JSON: send ét objekt eller en liste af objekter.")
        ) from exc
    if isinstance(data, Mapping):
        return [data]
    if not isinstance(data, list):
        raise BadBody(_("Send ét JSON-objekt eller en liste af JSON-objekter."))
    if len(data) > MAX_ITEMS:
        raise BadBody(
            _("For mange poster: %(count)d. Send højst %(max)d ad gangen.")
            % {"count": len(data), "max": MAX_ITEMS}
        )
    for index, item in enumerate(data):
        if not isinstance(item, Mapping):
            raise BadBody(_("Post %(index)d er ikke et JSON-objekt.") % {"index": index})
    return data


def _item_id(kind: Kind, item: Mapping) -> str | None:
    if kind.id_field is None:
        return None
    value = item.get(kind.id_field)
    text = "" if value is None else str(value).strip()
    return text or None


def records_check(kind: Kind, items: Sequence[Mapping]) -> tuple[list, list[dict]]:
    """Parse every item. Returns the records and, per bad item, {index, id, fields}."""
    lookups = Lookups.load()
    known = set(kind.fields)
    records, errors = [], []
    first_at: dict[Hashable, int] = {}
    for index, item in enumerate(items):
        fields: dict[str, str] = {}
        record = None
        try:
            record = kind.parse(item, lookups)
        except RecordError as exc:
            fields.update(exc.errors)
        for name in item:
            if name not in known:
                fields[str(name)] = str(_("ukendt felt"))
        if kind.key is None:
            key = _item_id(kind, item)
        else:
            key = kind.key(record) if record is not None else None
        if key is not None:
            if key in first_at:
                field = kind.id_field or "period_start"
                fields.setdefault(field, str(kind.duplicate % {"index": first_at[key]}))
            else:
                first_at[key] = index
        if fields:
            errors.append({"index": index, "id": _item_id(kind, item), "fields": fields})
        else:
            records.append(record)
    return records, errors


def _nothing_stored(count: int) -> str:
    return ngettext(
        "%(count)d post er ugyldig, så intet er gemt. Ret den, og send det hele igen.",
        "%(count)d poster er ugyldige, så intet er gemt. Ret dem, og send det hele igen.",
        count,
    ) % {"count": count}


class PushView(APIView):
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [HasPushPerm]
    parser_classes = [JSONParser]
    kind: Kind
    perm: str

    def push(self, request) -> Response:
        items = _items(request)
        records, errors = records_check(self.kind, items)
        if errors:
            body = {"detail": _nothing_stored(len(errors)), "errors": errors}
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        source = f"api:{request.user.get_username()}"[:SOURCE_MAX_LENGTH]
        result = self.kind.store(records=records, source=source) if records else None
        created = result.created if result else 0
        existing = result.existing if result else 0
        updated = result.updated if result else 0
        body = {"created": created, "existing": existing}
        if self.kind is SELF_SERVICE:
            body["updated"] = updated
        changed = created or updated
        return Response(body, status=status.HTTP_201_CREATED if changed else status.HTTP_200_OK)


# --- OpenAPI ------------------------------------------------------------------------

_DESCRIPTION = (
    "Én post som et JSON-objekt eller flere som en liste (højst 10.000), med de samme "
    'feltnavne som filformatet. Tomme felter: `null`, `""` eller udeladt. Alle poster '
    "kontrolleres; er én ugyldig, gemmes intet, og svaret (400) lister hver ugyldig post "
    "med dens plads i listen (`index`, fra 0) og en grund pr. felt. Idempotent: "
    "{same}. Svaret er 201, når noget blev gemt, ellers 200. Kræver en bruger med "
    "rollen Integration (token: `Authorization: Token <nøgle>`)."
)
_SAME_ID = "en post, hvis id allerede er gemt, springes over og tælles som `existing`"
_SAME_PERIOD = (
    "samme ydelse og periode med samme tal tælles som `existing`, med andre tal som "
    "`updated` (en rettelse)"
)

_NOT_LOGGED_IN = OpenApiResponse(
    ErrorSerializer,
    description="Ingen eller ugyldig token.",
    examples=[
        OpenApiExample(
            "Ikke logget ind",
            value={"detail": "Legitimation til autentificering blev ikke angivet."},
        )
    ],
)
_NOT_INTEGRATION = OpenApiResponse(
    ErrorSerializer,
    description="Brugeren har ikke rollen Integration.",
    examples=[
        OpenApiExample(
            "Forkert rolle",
            value={
                "detail": "Din bruger må ikke sende disse data. Brug en bruger med rollen "
                "Integration."
            },
        )
    ],
)


def _bad(example_errors: list[dict]) -> OpenApiResponse:
    return OpenApiResponse(
        PushErrorSerializer,
        description=(
            "Ugyldige poster (intet er gemt), ikke JSON, ikke et objekt eller en liste af "
            "objekter, eller mere end 10.000 poster (kun `detail`)."
        ),
        examples=[
            OpenApiExample(
                "Ugyldig post",
                value={"detail": _nothing_stored(len(example_errors)), "errors": example_errors},
            ),
            OpenApiExample(
                "For mange poster",
                value={"detail": "For mange poster: 12000. Send højst 10000 ad gangen."},
            ),
        ],
    )


def _ok(serializer, example: dict) -> dict:
    return {
        201: OpenApiResponse(
            serializer,
            description="Gemt.",
            examples=[OpenApiExample("Gemt", value=example)],
        ),
        200: OpenApiResponse(serializer, description="Intet nyt: alle poster var gemt allerede."),
    }


class CallPushView(PushView):
    kind = CALLS
    perm = "contacts.add_call"

    @extend_schema(
        operation_id="calls_push",
        tags=TAGS,
        summary="Send opkald fra telefonien",
        description=_DESCRIPTION.format(same=_SAME_ID),
        request=CALLS_REQUEST,
        responses={
            **_ok(PushResultSerializer, {"created": 2, "existing": 0}),
            400: _bad(
                [
                    {
                        "index": 1,
                        "id": "A-1002",
                        "fields": {
                            "answered_at": "tom betyder lagt på i kø: resultatet skal så "
                            "være abandoned"
                        },
                    }
                ]
            ),
            401: _NOT_LOGGED_IN,
            403: _NOT_INTEGRATION,
        },
        examples=[
            OpenApiExample(
                "Ét opkald",
                request_only=True,
                value={
                    "call_id": "A-1001",
                    "line": "main",
                    "arrived_at": "2019-03-04T09:15:00+01:00",
                    "answered_at": "2019-03-04T09:15:12+01:00",
                    "ended_at": "2019-03-04T09:19:40+01:00",
                    "result": "resolved",
                    "subject_area": "pas",
                    "transferred_to": None,
                },
            ),
            OpenApiExample(
                "Flere opkald",
                request_only=True,
                value=[
                    {
                        "call_id": "A-1002",
                        "line": "main",
                        "arrived_at": "2019-03-04T09:16:00+01:00",
                        "answered_at": None,
                        "ended_at": "2019-03-04T09:16:45+01:00",
                        "result": "abandoned",
                    },
                    {
                        "call_id": "A-1003",
                        "line": "department",
                        "arrived_at": "2019-03-04T09:17:00+01:00",
                        "answered_at": "2019-03-04T09:17:05+01:00",
                        "ended_at": "2019-03-04T09:20:00+01:00",
                        "result": "transferred",
                        "subject_area": "",
                        "transferred_to": "borgerservice",
                    },
                ],
            ),
        ],
    )
    def post(self, request):
        return self.push(request)


class ContactPushView(PushView):
    kind = CONTACTS
    perm = "contacts.add_contact"

    @extend_schema(
        operation_id="contacts_push",
        tags=TAGS,
        summary="Send henvendelser fra andre systemer",
        description=_DESCRIPTION.format(same=_SAME_ID),
        request=CONTACTS_REQUEST,
        responses={
            **_ok(PushResultSerializer, {"created": 1, "existing": 0}),
            400: _bad([{"index": 0, "id": "chat-77", "fields": {"channel": "mangler"}}]),
            401: _NOT_LOGGED_IN,
            403: _NOT_INTEGRATION,
        },
        examples=[
            OpenApiExample(
                "Én henvendelse",
                request_only=True,
                value={
                    "contact_id": "chat-77",
                    "occurred_at": "2019-03-04T10:02:00+01:00",
                    "channel": "chat",
                    "point": "web",
                    "location": None,
                    "subject_area": "pas",
                    "service": "",
                    "outcome": "resolved",
                    "wait_seconds": 30,
                    "handle_seconds": 240,
                },
            ),
        ],
    )
    def post(self, request):
        return self.push(request)


class SelfServicePushView(PushView):
    kind = SELF_SERVICE
    perm = "contacts.add_selfservicecount"

    @extend_schema(
        operation_id="self_service_counts_push",
        tags=TAGS,
        summary="Send selvbetjeningstal",
        description=_DESCRIPTION.format(same=_SAME_PERIOD),
        request=SELF_SERVICE_REQUEST,
        responses={
            **_ok(SelfServicePushResultSerializer, {"created": 1, "existing": 0, "updated": 0}),
            400: _bad(
                [{"index": 0, "id": None, "fields": {"period_end": "ligger før period_start"}}]
            ),
            401: _NOT_LOGGED_IN,
            403: _NOT_INTEGRATION,
        },
        examples=[
            OpenApiExample(
                "Et kvartal",
                request_only=True,
                value={
                    "service": "pas",
                    "period_start": "2019-01-01",
                    "period_end": "2019-03-31",
                    "digital": 812,
                    "manual": 97,
                },
            ),
        ],
    )
    def post(self, request):
        return self.push(request)
