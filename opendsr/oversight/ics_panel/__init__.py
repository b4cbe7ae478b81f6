"""The ICS oversight panel (s18): membership, meetings at least quarterly, the agenda the clock builds, the
papers pack, minutes, and each person's decision and actions."""
