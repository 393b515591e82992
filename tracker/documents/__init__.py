"""Documents (văn bản): the plans, decisions and other texts that assign tasks."""
