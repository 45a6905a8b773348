"""The service center's workspace: enterprises, cached matches and the application ledger in one SQLite file.

No Qt here: the CLI (`policy-assistant workspace`) and the 企业台账 window both use this package.
"""

from desktop_app.workspace.models import (
    Deadline,
    Enterprise,
    EnterpriseRow,
    ImportReport,
    LedgerEvent,
    LedgerState,
    OpenMeasure,
    RejectedRow,
    Summary,
    WorkspaceError,
)
from desktop_app.workspace.store import Workspace, default_path

__all__ = [
    "Deadline",
    "Enterprise",
    "EnterpriseRow",
    "ImportReport",
    "LedgerEvent",
    "LedgerState",
    "OpenMeasure",
    "RejectedRow",
    "Summary",
    "Workspace",
    "WorkspaceError",
    "default_path",
]
