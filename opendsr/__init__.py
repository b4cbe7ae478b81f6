"""OpenDSR: the Dynamic Support Register and Care (Education) and Treatment Reviews."""

__version__ = "0.1.0"
