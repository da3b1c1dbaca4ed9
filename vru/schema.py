"""The OpenAPI schema: drf-spectacular's, plus the errors each operation can answer.

drf-spectacular declares only the success of an operation, so a client reading the
schema (or schemathesis checking the API against it) would not know that a bad filter
or body is a 400 with messages by field, a request without credentials a 401, a role
without the right a 403, and a record that does not exist, or that the user may not
see, a 404. Registered as ``REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"]``.
"""

from drf_spectacular import openapi
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in words.")

    class Meta:
        ref_name = "Error"


FIELD_ERRORS = {
    "type": "object",
    "description": "What is wrong, by field: each a list of messages, or for a list or a nested record the same "
    "again by the row's index or field. Messages about the whole request are under non_field_errors.",
    "additionalProperties": {"anyOf": [{"type": "array"}, {"type": "object"}]},
    "example": {"end_date": ["The end date must be the same as or after the start date."]},
}


class AutoSchema(openapi.AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code, (description, body) in self._error_responses().items():
            if code not in responses:
                responses[code] = {**self._get_response_for_code(body, code), "description": description}
        return responses

    def _error_responses(self) -> dict[str, tuple[str, object]]:
        is_list = self.method == "GET" and self._is_list_view()
        errors = {}
        if self.method != "GET" or (is_list and self._get_filter_parameters()):
            errors["400"] = ("The request is not valid, and nothing was changed.", self._bad_request())
        errors["401"] = ("No credentials, or credentials that are not valid.", ErrorSerializer)
        errors["403"] = ("The user's role does not allow this.", ErrorSerializer)
        if "{" in self.path or (is_list and self._get_paginator()):
            errors["404"] = ("No such record, none the user may see, or no such page.", ErrorSerializer)
        return errors

    def _bad_request(self) -> dict:
        """Messages by field, or for a body that cannot be read (not JSON, say) the one ``detail``."""
        field_errors = ResolvedComponent(
            name="FieldErrors", type=ResolvedComponent.SCHEMA, object="FieldErrors", schema=FIELD_ERRORS
        )
        self.registry.register_on_missing(field_errors)
        return {"anyOf": [field_errors.ref, self.resolve_serializer(ErrorSerializer(), "response").ref]}
