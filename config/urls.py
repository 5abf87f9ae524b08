from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    path("accounts/", include("xingcun.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("villages/", include("xingcun.villages.urls")),
    path("reports/", include("xingcun.reports.urls")),
    path("indicators/", include("xingcun.indicators.urls")),
    path("orders/", include("xingcun.orders.urls")),
    path("vanguard/", include("xingcun.vanguard.urls")),
    path("ratings/", include("xingcun.ratings.urls")),
    path("honours/", include("xingcun.honours.urls")),
    path("secretaries/", include("xingcun.secretaries.urls")),
    path("pairing/", include("xingcun.pairing.urls")),
    path("alliances/", include("xingcun.alliances.urls")),
    path("ecommerce/", include("xingcun.ecommerce.urls")),
    path("wishes/", include("xingcun.wishes.urls")),
    path("posts/", include("xingcun.posts.urls")),
    path("competitions/", include("xingcun.competitions.urls")),
    path("finance/", include("xingcun.finance.urls")),
    path("universities/", include("xingcun.universities.urls")),
    path("operators/", include("xingcun.operators.urls")),
    path("reporting/", include("xingcun.reporting.urls")),
    path("notifications/", include("xingcun.notifications.urls")),
    path("", include("xingcun.core.urls")),
]
