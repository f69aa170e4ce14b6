"""Lithuanian: Django's own formats, but digits grouped by a space (1 234 567,5)."""

THOUSAND_SEPARATOR = "\xa0"  # a non-breaking space
NUMBER_GROUPING = 3
