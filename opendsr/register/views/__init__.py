"""The register's pages, in a module for each step a user takes; `urls.py` points at each. Each view checks
access, calls a query or a service, and renders."""
