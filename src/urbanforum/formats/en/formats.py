"""English as written in Europe (our readers): "3 December 2026", "3 Dec 2026, 14:05", 24-hour
times — not Django's American "Dec. 3, 2026, 2:05 p.m." and "12/03/2026", which a reader in
Europe takes for 12 March."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
