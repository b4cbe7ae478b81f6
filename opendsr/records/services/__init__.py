"""Writes: merging two records and undoing it (`merging`), marking two records as different people
(`not_duplicates`), moving a person between ICBs in this instance (`transfers`) and to or from another instance by
a transfer package (`packages`)."""

from opendsr.records.services.merging import merge, unmerge
from opendsr.records.services.not_duplicates import mark_not_duplicate, remove_mark
from opendsr.records.services.packages import import_package, make_package, receive_package
from opendsr.records.services.transfers import accept_transfer, decline_transfer, propose_transfer

__all__ = [
    "accept_transfer",
    "decline_transfer",
    "import_package",
    "make_package",
    "mark_not_duplicate",
    "merge",
    "propose_transfer",
    "receive_package",
    "remove_mark",
    "unmerge",
]
