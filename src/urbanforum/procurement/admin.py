"""The Django admin shows procurements read-mostly and never bids: a superuser must not be able to
read (or alter) a sealed bid through the admin. Bid, Score and the seal salt are deliberately absent."""

from django.contrib import admin

from urbanforum.procurement.models import JointProcurement, Lot


class LotInline(admin.TabularInline):
    model = Lot
    extra = 0


@admin.register(JointProcurement)
class JointProcurementAdmin(admin.ModelAdmin):
    list_display = ("reference", "title", "lead_city", "status", "bid_deadline")
    list_filter = ("status", "procedure")
    search_fields = ("reference", "title")
    exclude = ("seal_salt",)
    # The deadline is bound into the opening key; the admin cannot move it (services can extend it).
    readonly_fields = ("status", "bid_deadline", "opened_at", "opened_by", "publication_date")
    inlines = [LotInline]
