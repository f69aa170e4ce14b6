"""The ground floor: pure-Python engines (numpy/pandas, no Django).

Each engine imports nothing from Django nor from any urbanforum app; the Django apps above convert
their rows to the engine's objects and back. `tests/engines/test_no_django.py` proves it.
"""
