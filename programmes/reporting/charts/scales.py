"""Round ticks for an axis, round bins for a map, and the scale from figures to positions."""

import math
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal


def plain(number: Decimal) -> Decimal:
    """Without exponent or trailing zeros: 5E+1 → 50, 0.50 → 0.5."""
    return Decimal(f"{number.normalize():f}")


_MANTISSAS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5))
# Whole numbers may step by 3 or 4 where a round step would waste the axis (9 → 0, 3, 6, 9, not 0, 5, 10, 15).
_SMALL_WHOLE_STEPS = (Decimal(3), Decimal(4))


def _candidate_steps(span: Decimal, intervals: int, integer: bool):
    exponent = math.floor(math.log10(span / intervals)) if span > 0 else 0
    steps = [mantissa.scaleb(power) for power in range(exponent - 1, exponent + 2) for mantissa in _MANTISSAS]
    if integer:
        steps = [step for step in steps if step >= 1 and step == step.to_integral_value()]
        steps.extend(_SMALL_WHOLE_STEPS)
        steps.append(Decimal(1))
    return steps


def nice_ticks(maximum, minimum=0, *, integer: bool = False) -> list[Decimal]:
    """4 or 5 evenly spaced round ticks from 0 (or below it, for negative data) covering the data."""
    high = max(Decimal(str(maximum)), Decimal(0))
    low = min(Decimal(str(minimum)), Decimal(0))
    span = high - low
    best = None
    for rank, step in enumerate(_candidate_steps(span, 4, integer)):
        start = (low / step).to_integral_value(rounding=ROUND_FLOOR) * step
        end = (high / step).to_integral_value(rounding=ROUND_CEILING) * step
        intervals = max(int((end - start) / step), 3)
        if intervals > 4:
            continue
        # Steps of 3 or 4 only when a round step would waste much of the axis.
        key = (float(intervals * step) * (1.3 if step in _SMALL_WHOLE_STEPS else 1), rank)
        if best is None or key < best[0]:
            best = (key, start, step, intervals)
    _, start, step, intervals = best
    return [plain(start + step * index) for index in range(intervals + 1)]


# Bins of a map are read from the legend, not along an axis: finer round steps let all five shades be used.
_BIN_MANTISSAS = (Decimal(1), Decimal("1.2"), Decimal("1.5"), Decimal(2), Decimal("2.5"), Decimal(3), Decimal(4),
                  Decimal(5), Decimal(6), Decimal(8))  # fmt: skip


def bin_step(span, bins: int, *, integer: bool) -> Decimal:
    """The smallest round step with ``bins`` steps reaching ``span``."""
    span = max(Decimal(str(span)), Decimal(0))
    exponent = math.floor(math.log10(span / bins)) if span > 0 else 0
    steps = sorted(mantissa.scaleb(power) for power in (exponent, exponent + 1) for mantissa in _BIN_MANTISSAS)
    if integer:
        steps = [step for step in steps if step >= 1 and step == step.to_integral_value()]
    return plain(next(step for step in steps if step * bins >= span))


class Scale:
    """Maps data values onto a pixel range."""

    def __init__(self, ticks, start: float, end: float):
        self.low, self.high = float(ticks[0]), float(ticks[-1])
        self.start, self.end = start, end

    def __call__(self, value) -> float:
        if self.high == self.low:
            return self.start
        return self.start + (float(value) - self.low) / (self.high - self.low) * (self.end - self.start)
