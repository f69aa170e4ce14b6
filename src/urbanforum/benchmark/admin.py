from django.contrib import admin

from urbanforum.benchmark.models import BenchmarkRun


@admin.register(BenchmarkRun)
class BenchmarkRunAdmin(admin.ModelAdmin):
    list_display = (
        "pk",
        "framework",
        "year",
        "peer_group",
        "peer_value",
        "uncertainty_runs",
        "status",
        "created_at",
    )
    list_filter = ("status", "peer_group", "framework")
    raw_id_fields = ("peer_cities", "rerun_of", "created_by")
    readonly_fields = ("record", "reports", "data_hash", "package_version")
