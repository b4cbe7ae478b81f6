"""Reusable given/when/then steps for the browser journeys, grouped by the part of OpenDSR they use.

A step does what a user does in the browser, or reads what a user sees there (page text, headings, tables,
summary lists, downloads). Only `given` steps set up data directly, as the world the journey starts in.
"""
