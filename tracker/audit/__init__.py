"""The audit log: who changed what, when, from which value to which."""
