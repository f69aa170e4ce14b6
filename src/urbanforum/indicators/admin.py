from django.contrib import admin

from urbanforum.indicators.models import (
    Framework,
    FrameworkNode,
    ImportBatch,
    Indicator,
    Observation,
)


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "unit", "direction", "theme", "source")
    list_filter = ("theme", "direction")
    search_fields = ("code", "name")


class FrameworkNodeInline(admin.TabularInline):
    model = FrameworkNode
    fk_name = "framework"
    raw_id_fields = ("parent", "indicator", "denominator")
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "updated_at")
    inlines = [FrameworkNodeInline]


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin):
    list_display = ("indicator", "city", "year", "value", "flags", "source")
    list_filter = ("year",)
    search_fields = ("indicator__code", "city__name", "city__eurostat_code")
    raw_id_fields = ("city", "indicator", "batch")


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ("filename", "format", "status", "created_by", "created_at", "committed_at")
    list_filter = ("status", "format")
    exclude = ("content",)
    readonly_fields = ("report",)
