from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from xingcun.accounts.selectors import SESSION_KEY, membership_list
from xingcun.core.http import ScopedRequest


@login_required
@require_POST
def membership_switch(request: ScopedRequest) -> HttpResponse:
    """Choose which of the user's roles gives the scope; only the user's own memberships count."""
    wanted = request.POST.get("membership", "")
    owned = {m.pk for m in membership_list(user_id=int(request.user.pk or 0))}
    if wanted.isdigit() and int(wanted) in owned:
        request.session[SESSION_KEY] = int(wanted)
    return redirect("core:home")
