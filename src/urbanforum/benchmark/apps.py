from django.apps import AppConfig


class BenchmarkConfig(AppConfig):
    name = "urbanforum.benchmark"
    label = "benchmark"
    verbose_name = "Benchmarking"
    # Mounted by urbanforum.urls when the app has a urls.py; its api.py router is mounted on /api/v1/.
    url_prefix = "benchmark/"
    # Main navigation entries: (label, URL name). Entries whose URL does not resolve are hidden.
    nav_items: list[tuple[str, str]] = []
