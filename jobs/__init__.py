"""The scheduler process: daily scans, reminders and their delivery.

Jobs call tracker's services and never the web layer or the app factory; the
`flask --app tracker jobs …` commands reach them through a `flask.commands`
entry point, inside the application context the flask command builds.
"""
