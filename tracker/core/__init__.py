"""Building blocks shared by every domain; imports no domain."""
