"""API plumbing shared by every app: pagination, error answers, query validation.

Every API view set inherits :class:`ReadOnlyViewSet` and lists the query parameters of
its list action once, in ``list_parameters`` (drf-spectacular ``OpenApiParameter``s):
the same objects document the parameters in the OpenAPI schema and validate each
request before the view runs. A parameter that is not documented, given twice when it
is not repeatable, or whose value does not fit its schema (type, enum, bounds) answers
**400** with the reason for each parameter::

    {"detail": "Geçersiz sorgu parametreleri.", "errors": {"year": ["..."]}}

Integers are bounded (at most 64-bit, ids from 1), strings may not hold NUL
characters (PostgreSQL refuses them), ``page`` and ``page_size`` start at 1. The
schema documents the 400 (and the 404 of a missing record or page) of every operation
(:func:`postprocess_schema`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, TypeVar

from django.db import models
from django.http import QueryDict
from django.utils.translation import gettext as _
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, routers, viewsets
from rest_framework.request import Request

from .drf import INT64_MAX, INT64_MIN

# The schema of a query parameter that names a record by id.
ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": INT64_MAX}
# DRF's format override (?format=json for a browser, ?format=api for the browsable API).
FORMAT_PARAMETER = {
    "name": "format",
    "in": "query",
    "required": False,
    "description": "response format (default: from the Accept header)",
    "schema": {"type": "string", "enum": ["json", "api"]},
}

_M = TypeVar("_M", bound=models.Model)


def parameter_spec(parameter: OpenApiParameter | dict[str, Any]) -> dict[str, Any]:
    """An OpenAPI parameter object (name, schema, explode) from either form."""
    if isinstance(parameter, dict):
        return parameter
    kind = parameter.type
    schema = dict(kind) if isinstance(kind, dict) else build_basic_type(kind or OpenApiTypes.STR)  # type: ignore[arg-type]
    schema = dict(schema or {"type": "string"})
    if parameter.enum:
        schema["enum"] = list(parameter.enum)
    return {"name": parameter.name, "schema": schema, "many": bool(parameter.many)}


def _check(schema: dict[str, Any], value: str) -> str | None:
    """The reason ``value`` does not fit ``schema``, or None."""
    kind = schema.get("type", "string")
    if "\x00" in value:
        return _("NUL karakteri içeremez.")
    if kind == "integer":
        try:
            number = int(value, 10)
        except ValueError:
            return _("Bir tam sayı olmalı.")
        low = schema.get("minimum", INT64_MIN)
        high = schema.get("maximum", INT64_MAX)
        if not low <= number <= high:
            return _("{low} ile {high} arasında olmalı.").format(low=low, high=high)
    elif kind == "boolean":
        if value.lower() not in ("true", "false", "1", "0"):
            return _("true ya da false olmalı.")
    elif kind == "string" and schema.get("format") == "date":
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return _("YYYY-AA-GG biçiminde bir tarih olmalı.")
    if "enum" in schema and value not in [str(v) for v in schema["enum"]]:
        return _("Şunlardan biri olmalı: {values}.").format(
            values=", ".join(str(v) for v in schema["enum"])
        )
    max_length = schema.get("maxLength")
    if max_length is not None and len(value) > max_length:
        return _("En çok {n} karakter olabilir.").format(n=max_length)
    return None


def validate_query(query: QueryDict, parameters: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Every problem of ``query`` against ``parameters``, by parameter name."""
    declared = {p["name"]: p for p in parameters}
    errors: dict[str, list[str]] = {}
    for name in query:
        spec = declared.get(name)
        if spec is None:
            errors[name] = [_("Bilinmeyen parametre.")]
            continue
        values = query.getlist(name)
        if len(values) > 1 and not spec.get("many", spec.get("explode", False)):
            errors[name] = [_("Yalnız bir kez verilebilir.")]
            continue
        reasons = [r for r in (_check(spec.get("schema", {}), v) for v in values) if r]
        if reasons:
            errors[name] = reasons[:1]
    return errors


class APIRootView(routers.APIRootView):
    """The API's index (``/api/v1/``): takes no query parameter but ``format``."""

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        _refuse(validate_query(request.query_params, [FORMAT_PARAMETER]))


class Router(routers.DefaultRouter):
    APIRootView = APIRootView


def _refuse(errors: dict[str, list[str]]) -> None:
    if errors:
        raise exceptions.ValidationError(
            {"detail": _("Geçersiz sorgu parametreleri."), "errors": errors}
        )


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet[_M], Generic[_M]):
    """A read-only API view set whose query parameters are validated (see the module)."""

    # The list action's own parameters (also given to @extend_schema for the schema).
    list_parameters: list[OpenApiParameter] = []

    def query_parameters(self) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = [FORMAT_PARAMETER]
        if self.action == "list":
            parameters += [parameter_spec(p) for p in self.list_parameters]
            if self.paginator is not None:
                parameters += self.paginator.get_schema_operation_parameters(self)
        return parameters

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        _refuse(validate_query(request.query_params, self.query_parameters()))


_ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["detail"],
}


def postprocess_schema(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """Document what every operation may answer besides 200: 400 and 404."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = _ERROR_SCHEMA
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            params = operation.setdefault("parameters", [])
            if all(p.get("name") != "format" for p in params):
                params.append(FORMAT_PARAMETER)
            responses = operation["responses"]
            responses.setdefault(
                "400",
                {
                    "description": "An unknown query parameter, or a value that does not fit "
                    "its schema; `errors` gives the reason for each parameter.",
                    "content": error,
                },
            )
            responses.setdefault(
                "404",
                {
                    "description": (
                        "No such record (or not visible to the caller)."
                        if "{" in path
                        else "No such page."
                    ),
                    "content": error,
                },
            )
    return result
