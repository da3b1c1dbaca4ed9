"""Defining and changing population indicators, for the API and anyone else who needs it."""

from django.core.exceptions import ValidationError
from django.db import transaction

from programmes.models import PopulationIndicator

INDICATOR_FIELDS = ("code", "name", "unit", "frequency", "direction", "counts_people", "source", "description")


@transaction.atomic
def population_indicator_save(*, user, indicator: PopulationIndicator | None = None, **fields) -> PopulationIndicator:
    """Create an indicator, or change ``indicator``; its history records ``user``.

    An indicator's figures are months or quarters by its frequency, so the frequency cannot change
    once it has figures.
    """
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise TypeError(f"Unexpected fields: {', '.join(sorted(unknown))}")
    indicator = indicator or PopulationIndicator()
    if (
        indicator.pk
        and fields.get("frequency", indicator.frequency) != indicator.frequency
        and indicator.figures.exists()
    ):
        raise ValidationError(
            {
                "frequency": f"{indicator.name} already has {indicator.get_frequency_display().lower()} figures, "
                "so its frequency cannot change."
            }
        )
    for name, value in fields.items():
        setattr(indicator, name, value)
    indicator.full_clean()
    indicator._history_user = user
    indicator.save()
    return indicator
