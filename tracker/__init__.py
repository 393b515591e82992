"""CCHC Tracker: follow-up of administrative-reform plans for a commune People's Committee."""

from tracker.app import create_app

__all__ = ["create_app"]
