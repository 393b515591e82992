"""Quarterly (and six-month, nine-month, yearly) CCHC reports."""
