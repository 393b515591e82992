"""Units, departments and officials (the people who sign in)."""
