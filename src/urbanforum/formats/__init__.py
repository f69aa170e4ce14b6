"""Local formats where Django's own are wrong or missing (settings.FORMAT_MODULE_PATH).

Django looks here first and falls back to its own format files for every name not defined here.
Estonian: Django defines no date-time, year-month or input formats and no digit grouping, so
an Estonian page showed "03/07/2025 2:05 p.l." and "1234567,5". Lithuanian: the thousands
separator is a (non-breaking) space, not a dot (CLDR; Lithuanian standard LST 1516). Finnish:
"3.12.2026 klo 11.31". English: dates and 24-hour times as written in Europe ("3 December 2026",
"3 Dec 2026, 14:05")."""
