"""The records pages, under /records/: possible duplicates and merging them (`merging`), and moving people between
ICBs (`transfers`)."""

from opendsr.records.views.merging import duplicates, merge, merge_detail, merges, person_duplicates, unmerge
from opendsr.records.views.transfers import moved_away, propose_transfer, transfer, transfers

__all__ = [
    "duplicates",
    "merge",
    "merge_detail",
    "merges",
    "moved_away",
    "person_duplicates",
    "propose_transfer",
    "transfer",
    "transfers",
    "unmerge",
]
