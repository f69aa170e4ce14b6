from tests.impact.conftest import pilot  # noqa: F401  (fixture)
