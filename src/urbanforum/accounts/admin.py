from django.contrib import admin

from urbanforum.accounts.models import ApiToken, Invitation, Membership, Organisation, User
from urbanforum.accounts.security import ADMIN_SCOPE, limit_failed_logins


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ("email", "full_name", "is_coordinator", "is_expert", "is_staff", "is_active")
    search_fields = ("email", "full_name")
    list_filter = ("is_coordinator", "is_expert", "is_staff")
    exclude = ("password",)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "country")
    list_filter = ("kind",)
    search_fields = ("name",)
    inlines = [MembershipInline]


admin.site.register(Invitation)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "revoked_at")
    readonly_fields = ("key_hash", "prefix")


# The admin's log-in page has no rate limit of its own: failures are counted in the shared cache
# like the site's (accounts.security). Set here, before the admin's URLs are built in urls.py.
admin.site.login = limit_failed_logins(  # type: ignore[method-assign]
    admin.site.login, scope=ADMIN_SCOPE
)
