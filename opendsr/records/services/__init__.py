"""Writes: merging two records and undoing it (`merging`), moving a person between ICBs (`transfers`)."""

from opendsr.records.services.merging import merge, unmerge
from opendsr.records.services.transfers import accept_transfer, decline_transfer, propose_transfer

__all__ = ["accept_transfer", "decline_transfer", "merge", "propose_transfer", "unmerge"]
