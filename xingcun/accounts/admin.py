from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from xingcun.accounts.models import Membership, User


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    extra = 0
    raw_id_fields = ("area",)


@admin.register(User)
class XingcunUserAdmin(UserAdmin):  # type: ignore[type-arg]
    inlines = [MembershipInline]
    list_display = ("username", "display_name", "is_staff", "is_active")
