"""The API: /api/v1/ for systems that talk to OpenDSR, with personal API tokens a user makes for themselves."""
