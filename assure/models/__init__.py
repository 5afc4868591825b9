"""Table models, grouped by aggregate. Import this package before creating or migrating tables."""

from assure.models.audit import AuditEntry
from assure.models.board import (
    Action,
    ActionFinding,
    ActionPriority,
    ActionThreat,
    AgendaItem,
    Extension,
    Meeting,
)
from assure.models.evidence import (
    Assessment,
    Evidence,
    EvidenceDimension,
    EvidenceThreat,
    Statement,
    Update,
)
from assure.models.inspection import Finding, FindingThreat, Grade, Inspection
from assure.models.office import Office
from assure.models.people import Person
from assure.models.plan import Plan, Priority, PriorityThreat, Theme
from assure.models.reminders import ReminderLog
from assure.models.spr import AssuranceLevel, Dimension, Edition, Term, Threat

__all__ = [
    "Action",
    "ActionFinding",
    "ActionPriority",
    "ActionThreat",
    "AgendaItem",
    "Assessment",
    "AssuranceLevel",
    "AuditEntry",
    "Dimension",
    "Edition",
    "Evidence",
    "EvidenceDimension",
    "EvidenceThreat",
    "Extension",
    "Finding",
    "FindingThreat",
    "Grade",
    "Inspection",
    "Meeting",
    "Office",
    "Person",
    "Plan",
    "Priority",
    "PriorityThreat",
    "ReminderLog",
    "Statement",
    "Term",
    "Theme",
    "Threat",
    "Update",
]
