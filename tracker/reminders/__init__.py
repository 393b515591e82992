"""The rules that decide which reminders are due on a day: before deadlines, overdue
flags and their repeats, escalation, and the reporting cut-off of Nghị định 09/2019."""
