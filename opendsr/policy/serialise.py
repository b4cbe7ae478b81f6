"""Obligations as JSON, in the shape of the policy-clock contract's output."""

from __future__ import annotations

import datetime as dt

from opendsr.policy.model import Obligation, Status

_STATUS_ORDER = {Status.OVERDUE: 0, Status.DUE: 1, Status.MET: 2, Status.ENDED: 3}
_LATEST = dt.date.max


def obligation_to_json(obligation: Obligation, today: dt.date) -> dict:
    """`kind`, `due`, `status`, `met_on` and `basis`, with `reasons` where there are any."""
    due, met_on = obligation.due, obligation.met_on
    out = {
        "kind": str(obligation.kind),
        "due": due.isoformat() if due is not None else None,
        "status": str(obligation.status(today)),
        "met_on": met_on.isoformat() if met_on is not None else None,
        "basis": obligation.basis,
    }
    if obligation.reasons:
        out["reasons"] = list(obligation.reasons)
    if obligation.ended_on is not None:  # only after `left_register`, which is beyond the contract
        out["ended_on"] = obligation.ended_on.isoformat()
    return out


def in_reading_order(obligations, today: dt.date) -> list[Obligation]:
    """Overdue first, then due, then met, then ended; soonest due first (no due date last); then by kind."""
    return sorted(
        obligations,
        key=lambda o: (
            _STATUS_ORDER[o.status(today)],
            o.due is None,
            o.due or _LATEST,
            str(o.kind),
        ),
    )


def obligations_to_json(obligations, today: dt.date) -> dict:
    return {"obligations": [obligation_to_json(o, today) for o in in_reading_order(obligations, today)]}
