"""Writing C(E)TRs: one function for each thing a user does, all or nothing, in a module for each step.

The clock decides when a review is due; these modules record what the local system did: `requests` (requests,
decisions, appeals and declines), `organising` (the review, its arrangements, panel, checklist, cancelling it),
`invitations`, `meeting` (held, findings, safeguarding, the rating decision, actions), `report`, and `directory`
(the panel directory, payments, settings and key lines of enquiry). Reads are in `opendsr.reviews.queries`.
"""
