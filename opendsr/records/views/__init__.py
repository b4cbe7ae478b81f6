"""The records pages, under /records/: possible duplicates and merging them (`merging`), marking two records as
different people (`not_duplicates`), and moving people between ICBs in this instance (`transfers`) or to and from
another by a transfer package (`packages`)."""

from opendsr.records.views.merging import duplicates, merge, merge_detail, merges, person_duplicates, unmerge
from opendsr.records.views.not_duplicates import not_duplicate, not_duplicates, remove_not_duplicate
from opendsr.records.views.packages import (
    make_package,
    package,
    package_json,
    package_pdf,
    package_schema,
    receive_package,
)
from opendsr.records.views.transfers import moved_away, propose_transfer, transfer, transfers

__all__ = [
    "duplicates",
    "merge",
    "merge_detail",
    "make_package",
    "merges",
    "moved_away",
    "not_duplicate",
    "not_duplicates",
    "package",
    "package_json",
    "package_pdf",
    "package_schema",
    "person_duplicates",
    "propose_transfer",
    "receive_package",
    "remove_not_duplicate",
    "transfer",
    "transfers",
    "unmerge",
]
