from django.contrib import admin

from urbanforum.cities.models import City


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "eurostat_code", "population", "size_class", "is_bsr")
    list_filter = ("is_bsr", "size_class", "country")
    search_fields = ("name", "eurostat_code", "search_text")
    raw_id_fields = ("administration",)
