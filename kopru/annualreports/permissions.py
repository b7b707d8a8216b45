"""Who may do what with annual reports, and the access helper.

The office's staff (coordinator and experts) and national administrators read an
office's reports; only the coordinator (or a national administrator) drafts, edits,
approves and supersedes them. Office scoping already keeps every office to its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from kopru.accounts.permissions import works_for_office_id
from kopru.core.access import fetch_and_authorise

from .models import AnnualReport, ReportStatus

if TYPE_CHECKING:
    from kopru.accounts.models import User


def can_coordinate(user: Any, office_id: int) -> bool:
    if not works_for_office_id(user, office_id):
        return False
    return bool(user.is_national_admin or user.is_coordinator)


def can_view_report(user: Any, report: AnnualReport) -> bool:
    return works_for_office_id(user, report.office_id)


def can_manage_report(user: Any, report: AnnualReport) -> bool:
    """Generate files, approve, start a new version: the coordinator."""
    return can_coordinate(user, report.office_id)


def can_edit_report(user: Any, report: AnnualReport) -> bool:
    """The narrative of a draft (a frozen report is never edited)."""
    return can_coordinate(user, report.office_id) and report.status == ReportStatus.DRAFT


REPORT_RULES = {"view": can_view_report, "manage": can_manage_report, "edit": can_edit_report}


def access_report(
    user: User, pk: Any, *, for_: Literal["view", "manage", "edit"] = "view"
) -> AnnualReport:
    source = AnnualReport.objects.select_related("office", "office__province", "approved_by")
    return fetch_and_authorise(source, pk, user=user, rule=REPORT_RULES[for_], what="report")
