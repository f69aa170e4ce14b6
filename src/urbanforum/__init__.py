"""urbanforum: a platform where cities learn from each other and solve shared problems together."""

__version__ = "0.1.0"
