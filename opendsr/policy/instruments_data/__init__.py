"""Risk stratification instruments shipped with OpenDSR, as JSON (see `opendsr.policy.instruments`)."""
