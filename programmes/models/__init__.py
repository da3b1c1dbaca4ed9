from programmes.models.indicators import Aggregation, Direction, Indicator, IndicatorValue
from programmes.models.population import (
    Frequency,
    ImportStatus,
    PopulationFigure,
    PopulationImport,
    PopulationIndicator,
)
from programmes.models.programme import PROGRAMME_M2M_FIELDS, Milestone, Programme, ProgrammeStatus, Rag
from programmes.models.reports import OPEN_STATUSES, PerformanceReport, ReportKind, ReportRequest, RequestStatus
from programmes.models.strategy import ContextualLayer, Objective, PriorityArea, StrategicAim
from programmes.models.tags import ImpactBand, InterventionType, PreventionLevel, TargetGroup

__all__ = [
    "OPEN_STATUSES",
    "PROGRAMME_M2M_FIELDS",
    "Aggregation",
    "ContextualLayer",
    "Direction",
    "Frequency",
    "ImpactBand",
    "ImportStatus",
    "Indicator",
    "IndicatorValue",
    "InterventionType",
    "Milestone",
    "Objective",
    "PerformanceReport",
    "PopulationFigure",
    "PopulationImport",
    "PopulationIndicator",
    "PreventionLevel",
    "PriorityArea",
    "Programme",
    "ProgrammeStatus",
    "Rag",
    "ReportKind",
    "ReportRequest",
    "RequestStatus",
    "StrategicAim",
    "TargetGroup",
]
