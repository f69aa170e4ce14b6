"""Shared by the demo loaders of every app: the one password of all demo accounts.

(The accounts themselves are created by `urbanforum.site.demo_accounts`, which needs the cities.)
"""

DEMO_PASSWORD = "urbanforum-demo"
