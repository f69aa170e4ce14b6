"""English: the short formats unambiguous for European readers ("3 Dec 2026, 14:05"), not the
American "12/03/2026 2:05 p.m." (which a reader in Europe takes for 12 March)."""

SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
