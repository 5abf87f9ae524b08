"""The pages of the API: a user's tokens (create, list, revoke), the OpenAPI document and its
documentation page (Swagger UI from the vendored sidecar files)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from xingcun.api import selectors, services
from xingcun.api.base import exception_handler
from xingcun.api.forms import TokenForm

__all__ = ["exception_handler", "token_list", "token_revoke"]


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None, user=request.user)
    created: dict[str, Any] | None = None
    if request.method == "POST" and form.is_valid():
        token, raw = services.token_create(
            user=request.user,
            membership=form.cleaned_data["membership"],
            name=form.cleaned_data["name"],
            days=form.cleaned_data["days"],
        )
        created = {"token": token, "raw": raw}
        form = TokenForm(user=request.user)
    context = {
        "form": form,
        "created": created,
        "tokens": selectors.token_list(user=request.user),
    }
    response = render(request, "api/token_list.html", context)
    response["Cache-Control"] = "no-store"  # a new token is shown once: never keep the page
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(selectors.token_list(user=request.user), pk=pk)
    services.token_revoke(token=token, by=request.user)
    messages.success(request, gettext("令牌“%(name)s”已撤销") % {"name": token.name})
    return redirect("tokens:list")
