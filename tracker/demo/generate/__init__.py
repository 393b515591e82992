"""Synthetic data in bulk: a province with many communes, their officials, documents and
tasks in every class, for load tests and benchmarks (`flask --app tracker demo generate`).

The services write one object at a time with its audit entry and notifications: right
for real work, far too slow for a million tasks. This writes the same rows with bulk
INSERTs and computes what the services would (cleaned text, folded keys, years,
references, dates that obey the task rules), so pages, the API and the scan read them
as if they had been entered by hand. No audit log and no notifications are written:
the data is the units' state as of today, not their history.
"""

from tracker.demo.generate.province import generate
from tracker.demo.generate.records import Generated

__all__ = [
    "Generated", "generate",
]
