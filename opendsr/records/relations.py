"""Every record in OpenDSR that points at a person, found from the models themselves, and what a merge does with
each: move it to the surviving record, leave it where it is, or recompute it.

A new ForeignKey to `register.Person` anywhere in the project is found here (`unhandled()`), and merging refuses to
run until it is named below, so nothing of a person's is left behind on the merged-away record.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from simple_history.models import HistoricalChanges

from opendsr.register.models import Person

# Records that stay where they are, and why.
STAYS = {
    "accounts.AuditEvent.person": "the audit trail is append-only: old rows keep naming the record they were about, "
    "and the merge is audited on both records",
    "imports.ImportedPerson.person": "which record an import added: undoing that import must find the record it made",
    "records.RecordMerge.survivor": "the merge itself",
    "records.RecordMerge.merged": "the merge itself",
    "records.IcbTransfer.person": "a move between ICBs is the record's own history",
    "records.TransferPackage.person": "a move between OpenDSR instances is the record's own history",
    "records.NotDuplicate.first": "a mark that two records are different people is about those two records",
    "records.NotDuplicate.second": "a mark that two records are different people is about those two records",
}
# Derived from the timeline: recomputed for both records after the merge (register.obligations.refresh_for).
RECOMPUTED = {"register.Obligation.person"}
# Everything else a person has, moved to the surviving record by a merge and back by an unmerge.
MOVED = (
    "register.Carer.person",
    "register.TimelineEvent.person",
    "register.RatingDecision.person",
    "register.OutcomeCommunication.person",
    "register.ConsentRecord.person",
    "register.RegisterExit.person",
    "inpatients.Admission.person",
    "inpatients.Transfer.person",
    "inpatients.WardRating.person",
    "inpatients.RestrictiveEpisode.person",
    "inpatients.DischargePlanItem.person",
    "inpatients.MojContact.person",
    "referrals.Referral.person",
    "reviews.Laep.person",
    "reviews.ReviewRequest.person",
    "reviews.ReviewDecline.person",
    "reviews.Review.person",
    "reviews.ReviewAction.person",
    "oversight.PanelItem.person",
    "oversight.PanelAction.person",
    "oversight.OversightVisit.person",
    "oversight.VisitAction.person",
    "oversight.EscalationRequest.person",
    "oversight.Complaint.person",
    "meetings.DsrMeetingItem.person",
    "meetings.DsrMeetingAction.person",
    "meetings.Escalation.person",
    "communication.Communication.person",
    "communication.CommunicationNeeds.person",
)


@dataclass(frozen=True)
class Relation:
    model: type
    field: str  # the ForeignKey's name

    @property
    def label(self) -> str:
        return f"{self.model._meta.label}.{self.field}"

    @property
    def words(self) -> str:
        return str(self.model._meta.verbose_name_plural)


def person_relations() -> list[Relation]:
    """Every ForeignKey to a person in the project (hidden ones too), except the history tables' copies."""
    found = []
    for rel in Person._meta.get_fields(include_hidden=True):
        if not (rel.is_relation and rel.auto_created and not rel.concrete):
            continue
        if issubclass(rel.related_model, HistoricalChanges):
            continue
        found.append(Relation(rel.related_model, rel.field.name))
    return sorted(found, key=lambda r: r.label)


def unhandled() -> list[str]:
    """Relations to a person that nobody has said what a merge does with."""
    known = set(STAYS) | RECOMPUTED | set(MOVED)
    return [r.label for r in person_relations() if r.label not in known]


def moved_relations() -> list[Relation]:
    relations = {r.label: r for r in person_relations()}
    return [relations[label] for label in MOVED if label in relations]


def relation(label: str) -> Relation:
    app_model, field = label.rsplit(".", 1)
    return Relation(apps.get_model(app_model), field)
