"""Finnish: Django's own formats, but a date and time read "3.12.2026 klo 11.31" (Kielitoimisto)."""

SHORT_DATETIME_FORMAT = r"j.n.Y \k\l\o G.i"
