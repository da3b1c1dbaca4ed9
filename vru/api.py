"""What every app's API shares: the router, the 401 challenge and the error shape.

``vru.api_urls`` builds the one router; each app keeps its viewsets in its own
``api`` module and is registered there.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django_filters import BooleanFilter
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import routers, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from vru.api_fields import DateTimeField
from vru.validators import add_input_rules


def validation_error_detail(error: DjangoValidationError) -> dict:
    """A Django ValidationError as DRF shows a serializer's: messages keyed by field.

    A service's ``IndicatorValuesError`` puts its row errors where DRF puts a
    nested list's: ``{"values": {"1": {"period": ["..."]}}}``, keyed by the row's
    index in the list the service was given.
    """
    row_errors = getattr(error, "row_errors", None)
    if row_errors is not None:
        return {"values": {str(index): {"period": [message]} for index, message in row_errors.items()}}
    if hasattr(error, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): messages
            for field, messages in error.message_dict.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: error.messages}


def exception_handler(exc, context):
    """DRF's handler, plus a service's Django ValidationError answered as a 400 with field errors.

    Registered as ``REST_FRAMEWORK["EXCEPTION_HANDLER"]``. Services run in a
    transaction, so by the time their error gets here nothing has been saved.
    """
    if isinstance(exc, DjangoValidationError):
        exc = ValidationError(validation_error_detail(exc))
    return drf_exception_handler(exc, context)


def apply_input_rules(field) -> None:
    """The same rules as every page's fields (``vru.forms.apply_input_rules``)."""
    if isinstance(field, serializers.ListField | serializers.DictField):
        apply_input_rules(field.child)
        return
    add_input_rules(
        field,
        text=serializers.CharField,
        dates=(serializers.DateField, serializers.DateTimeField),
        amounts=serializers.DecimalField,
    )


class InputRulesMixin:
    """Every field of a serializer obeys the rules of its kind, as every form's does (``vru.forms``).

    Applied to the fields as they are built, so a field added later is covered
    without saying so; every serializer of the project derives from
    ``Serializer`` or ``ModelSerializer`` below (a test checks).
    """

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            if not field.read_only:
                apply_input_rules(field)
        return fields


class WholeNestedMixin:
    """A nested record, or a row of a nested list, is written whole, in a PATCH too.

    DRF lets a PATCH leave out any field, nested ones included, so a row could reach the
    service without a field it must have (a reach row without its age band was a 500). A
    PATCH leaves out fields of the record; a row it sends is checked as a POST's would be.
    """

    def to_internal_value(self, data):
        if self.parent is not None and getattr(self.root, "partial", False) and isinstance(data, dict):
            missing = {
                name: [field.error_messages["required"]]
                for name, field in self.fields.items()
                if field.required and not field.read_only and name not in data
            }
            if missing:
                raise ValidationError(missing)
        return super().to_internal_value(data)


class Serializer(WholeNestedMixin, InputRulesMixin, serializers.Serializer):
    pass


class ModelSerializer(WholeNestedMixin, InputRulesMixin, serializers.ModelSerializer):
    # Date-times as RFC 3339, which the schema promises (``vru.api_fields.DateTimeField``).
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateTimeField: DateTimeField,
    }


class TokenChallengeMixin:
    """Answer a request without credentials with 401 and ``WWW-Authenticate: Token``.

    DRF takes the challenge from the first authentication class only, and session
    authentication has none, so it would answer 403 and a token client could not
    tell "sign in" from "not allowed".
    """

    def get_authenticate_header(self, request):
        for authenticator in request.authenticators:
            header = authenticator.authenticate_header(request)
            if header:
                return header
        return None


class ApiRootView(TokenChallengeMixin, routers.APIRootView):
    """The VRU programme management API. Every resource is addressed by its numeric id."""


class ApiRouter(routers.DefaultRouter):
    APIRootView = ApiRootView


# What a yes/no filter reads as yes or no (django-filter reads anything else as "not given").
BOOLEAN_FILTER_VALUES = {"", "true", "false", "1", "0"}


def refuse_invalid_filters(filterset) -> None:
    """A filter value the list cannot use is a 400 naming the parameter, never a list filtered by less than asked."""
    errors = {} if filterset.is_valid() else {name: list(messages) for name, messages in filterset.errors.items()}
    for name, list_filter in filterset.filters.items():
        value = filterset.data.get(name)
        if isinstance(list_filter, BooleanFilter) and value is not None and value.lower() not in BOOLEAN_FILTER_VALUES:
            errors.setdefault(name, []).append("Enter true or false.")
    if errors:
        raise ValidationError(errors)


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, refusing a yes/no filter's unknown value as it refuses any other's.

    ``REST_FRAMEWORK["DEFAULT_FILTER_BACKENDS"]``.
    """

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        refuse_invalid_filters(filterset)
        return filterset.qs


class SelectorFilterBackend(FilterBackend):
    """Filters a list with the same selector-built FilterSet as its page and CSV export.

    The view names its FilterSet in ``filterset_class`` (for the schema) and
    builds it in ``build_filterset(params, queryset)``. A filter value that is not
    valid (an unknown borough, say) is a 400 naming the parameter, rather than
    being ignored.
    """

    def get_filterset_class(self, view, queryset=None):
        return view.filterset_class

    def get_filterset(self, request, queryset, view):
        return view.build_filterset(request.query_params, queryset)
