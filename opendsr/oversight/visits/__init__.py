"""Commissioner oversight visits (s16.1, Appendix 4) with their actions and the visit schedule, and what puts a
person before the ICS oversight panel from their record: escalation requests and complaints (s18)."""
