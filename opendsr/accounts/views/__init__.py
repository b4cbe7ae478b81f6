"""The account pages, in a module for each step a user takes; `urls.py` points at each."""
