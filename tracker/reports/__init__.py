"""Reports: renderers that take the services' plain data and return PDF or Word bytes. No Qt here."""
