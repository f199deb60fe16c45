"""Exports to the tools a secretariat already uses: calendars (.ics) and spreadsheets (.xlsx).

Each exporter takes plain rows from the services and returns bytes; writing the file is the caller's job
(tracker.files.write_atomically)."""
