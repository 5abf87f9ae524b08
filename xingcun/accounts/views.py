from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.password_validation import password_validators_help_texts
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from xingcun.accounts import services
from xingcun.accounts.forms import PasswordChangeForm
from xingcun.accounts.selectors import SESSION_KEY, lockouts, membership_list
from xingcun.core.http import ScopedRequest
from xingcun.core.permissions import USER_MANAGE, requires


@login_required
@require_POST
def membership_switch(request: ScopedRequest) -> HttpResponse:
    """Choose which of the user's roles gives the scope; only the user's own memberships count."""
    wanted = request.POST.get("membership", "")
    owned = {m.pk for m in membership_list(user_id=int(request.user.pk or 0))}
    if wanted.isdigit() and int(wanted) in owned:
        request.session[SESSION_KEY] = int(wanted)
    return redirect("core:home")


def locked_out(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """django-axes' answer to a locked-out account or address: when to try again, in Chinese."""
    cool_off = settings.AXES_COOLOFF_TIME
    until = timezone.localtime(timezone.now() + cool_off)
    minutes = int(cool_off.total_seconds() // 60)
    return render(
        request,
        "accounts/locked_out.html",
        {"until": until, "minutes": minutes, "limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    """Every user changes their own password (the change is audited by xingcun.accounts.signals)."""

    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("core:home")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["password_help"] = password_validators_help_texts()
        return context

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, "密码已修改")
        return response


@require_GET
@requires(USER_MANAGE)
def lockout_list(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/lockouts.html", {"lockouts": lockouts()})


@require_POST
@requires(USER_MANAGE)
def lockout_lift(request: HttpRequest) -> HttpResponse:
    kind = request.POST.get("kind", "")
    value = request.POST.get("value", "").strip()
    if kind not in {"username", "ip"} or not value:
        messages.error(request, "请选择要解除的锁定")
    else:
        removed = services.lockout_lift(kind=kind, value=value, by=request.user)
        if removed:
            messages.success(request, f"已解除“{value}”的登录锁定")
        else:
            messages.error(request, f"“{value}”当前没有登录锁定")
    return redirect("accounts:lockouts")
