from programmes.models.indicators import Aggregation, Direction, Indicator, IndicatorValue
from programmes.models.programme import PROGRAMME_M2M_FIELDS, Milestone, Programme, ProgrammeStatus, Rag
from programmes.models.strategy import ContextualLayer, Objective, PriorityArea, StrategicAim
from programmes.models.tags import ImpactBand, InterventionType, PreventionLevel, TargetGroup

__all__ = [
    "PROGRAMME_M2M_FIELDS",
    "Aggregation",
    "ContextualLayer",
    "Direction",
    "ImpactBand",
    "Indicator",
    "IndicatorValue",
    "InterventionType",
    "Milestone",
    "Objective",
    "PreventionLevel",
    "PriorityArea",
    "Programme",
    "ProgrammeStatus",
    "Rag",
    "StrategicAim",
    "TargetGroup",
]
