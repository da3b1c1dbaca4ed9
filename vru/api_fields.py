"""Fields every app's API shares, so an answer reads the same wherever it comes from."""

from datetime import UTC

from rest_framework import serializers


class DateTimeField(serializers.DateTimeField):
    """An instant in RFC 3339: London time with its offset, such as ``2026-10-14T14:00:00+01:00``.

    Before London kept Greenwich time (1847) its offset was local mean time, 1 minute
    15 seconds behind, which RFC 3339 cannot write (``-00:01:15``); such an instant is
    given in UTC (``Z``) instead, so every answer parses as the schema's ``date-time``.
    """

    def to_representation(self, value):
        if value and not isinstance(value, str):
            offset = self.enforce_timezone(value).utcoffset()
            if offset is not None and offset.seconds % 60:
                return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
        return super().to_representation(value)
