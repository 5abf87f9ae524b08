from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xingcun.core import audit
from xingcun.core.actions import Message, attempt, object_action, serve_file, submit
from xingcun.core.http import ScopedRequest, require_area
from xingcun.core.models import Area
from xingcun.core.net import client_ip
from xingcun.core.permissions import AUDIT_VIEW, Role, request_has, requires
from xingcun.core.scoping import scope
from xingcun.people.permissions import PERSON_VIEW_PII
from xingcun.wishes import forms, selectors, services
from xingcun.wishes.models import PublicRefusal, Wish, WishClaim
from xingcun.wishes.permissions import WISH_CLAIM, WISH_EDIT, WISH_VIEW

PUBLIC_LIMIT = 5  # submissions per client address per hour
PUBLIC_WINDOW = 60 * 60
PUBLIC_VILLAGE_DAILY = 30  # submissions per village per day, from all addresses together
MODERATION_DAYS = 30  # the wall shows the refusals of this many days to staff


def _is_member(request: ScopedRequest) -> bool:
    return request.role == Role.MEMBER


# --- the wall, claiming, my claims ------------------------------------------------------------------


@require_GET
@requires(WISH_VIEW)
def wall(request: ScopedRequest) -> HttpResponse:
    area = require_area(request)
    category = request.GET.get("category", "")
    village = request.GET.get("village", "")
    qs = selectors.wall_wishes(area=area, category=category, village=village)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "wishes/wall.html",
        {
            "page": page,
            "wall_area": selectors.wall_area(area),
            "category": category,
            "village": village,
            "categories": Wish.Category.choices,
            "villages": selectors.wall_villages(area=area),
            "can_claim": request_has(request, WISH_CLAIM),
            "can_edit": request_has(request, WISH_EDIT),
            "refusals": selectors.public_refusals(
                since=timezone.localdate() - dt.timedelta(days=MODERATION_DAYS)
            )
            if request_has(request, WISH_EDIT)
            else [],
            "moderation_days": MODERATION_DAYS,
            "public_url": reverse("wishes:public", args=[area.code])
            if area.level == Area.Level.VILLAGE and request_has(request, WISH_EDIT)
            else "",
        },
    )


@require_http_methods(["GET", "POST"])
@requires(WISH_CLAIM)
def claim(request: ScopedRequest, pk: int) -> HttpResponse:
    # A wish claimed a moment ago has left the wall, but its page stays: the race's losers (and a
    # later visitor) read who won in words, not a 404 (selectors.wall_reachable).
    wish = get_object_or_404(selectors.wall_reachable(area=require_area(request)), pk=pk)
    claimable = selectors.wall_wishes(area=require_area(request)).filter(pk=pk).exists()
    as_member = _is_member(request)
    member = selectors.member_of(request.user) if as_member else None
    form = forms.ClaimForm(request.POST if request.method == "POST" else None, as_member=as_member)
    refusal = "" if claimable else services.claim_refusal(wish)
    if claimable and request.method == "POST" and form.is_valid():
        try:
            if as_member and member is None:
                raise ValidationError(gettext("您的账号尚未关联党员档案，请联系村党组织书记"))
            made = services.wish_claim(
                wish=wish,
                by=request.user,
                member=member,
                organisation=form.cleaned_data.get("organisation"),
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(
                request,
                gettext("已认领“%(title)s”，请在%(due_on)s前帮助实现并上传照片")
                % {
                    "title": wish.title,
                    "due_on": format(made.due_on, gettext("%Y年%-m月%-d日")),
                },
            )
            return redirect("wishes:mine")
    return render(
        request,
        "wishes/claim.html",
        {
            "wish": wish,
            "form": form,
            "as_member": as_member,
            "member": member,
            "refusal": refusal,
        },
    )


@require_GET
@requires(WISH_CLAIM)
def mine(request: ScopedRequest) -> HttpResponse:
    claims = list(selectors.claims_of(user=request.user)[:100])
    today = timezone.localdate()
    return render(
        request,
        "wishes/mine.html",
        {
            "live": [c for c in claims if c.is_live],
            "closed": [c for c in claims if not c.is_live],
            "today": today,
            "member": selectors.member_of(request.user),
        },
    )


def _my_claim(request: ScopedRequest, pk: int) -> WishClaim:
    return get_object_or_404(selectors.claims_of(user=request.user), pk=pk)


@require_http_methods(["GET", "POST"])
@requires(WISH_CLAIM)
def deliver(request: ScopedRequest, pk: int) -> HttpResponse:
    found = _my_claim(request, pk)
    form = forms.DeliverForm(request.POST or None, request.FILES or None)
    if (
        request.method == "POST"
        and submit(
            request,
            form,
            lambda data: services.claim_deliver(
                claim=found,
                by=request.user,
                area=require_area(request),
                note=data["note"],
                evidence=data.get("evidence"),
            ),
            gettext("已报告心愿实现，等待村干部向心愿人核实确认"),
        )
        is not None
    ):
        return redirect("wishes:mine")
    return render(request, "wishes/deliver.html", {"claim": found, "form": form})


@require_POST
@requires(WISH_CLAIM)
def release(request: ScopedRequest, pk: int) -> HttpResponse:
    found = _my_claim(request, pk)
    attempt(
        request,
        lambda: services.claim_release(claim=found, by=request.user, area=require_area(request)),
        gettext("已放弃认领“%(title)s”，心愿已重回心愿墙") % {"title": found.wish.title},
    )
    return redirect("wishes:mine")


@require_GET
@requires(WISH_VIEW)
def evidence(request: ScopedRequest, pk: int) -> HttpResponseBase:
    """Evidence is served through the scope (or to its claimer), never as public media."""
    found = (
        WishClaim.objects.filter(pk=pk).first()
        or selectors.claims_of(user=request.user).filter(pk=pk).first()
    )
    if found is None:
        raise Http404
    return serve_file(found.evidence)


# --- staff: one wish and its transitions ---------------------------------------------------------------


@require_GET
@requires(WISH_VIEW)
def detail(request: ScopedRequest, pk: int) -> HttpResponse:
    wish = get_object_or_404(Wish.objects.select_related("area", "household"), pk=pk)
    can_edit = request_has(request, WISH_EDIT)
    live = selectors.live_claim(wish)
    return render(
        request,
        "wishes/wish_detail.html",
        {
            "wish": wish,
            "live": live,
            "claims": selectors.wish_claims(wish),
            "can_edit": can_edit,
            "show_pii": request_has(request, PERSON_VIEW_PII),
            "can_claim": wish.status == Wish.Status.OPEN and request_has(request, WISH_CLAIM),
            "history": audit.history(wish)[:30] if request_has(request, AUDIT_VIEW) else [],
            "reason_form": forms.ReasonForm(),
        },
    )


def _wish_action(act: Callable[[ScopedRequest, Wish], Any], done: Message) -> Callable[..., Any]:
    return object_action(
        WISH_EDIT,
        find=lambda request, pk: get_object_or_404(Wish.objects.all(), pk=pk),
        act=act,
        done=done,
        back=lambda wish: redirect("wishes:detail", pk=wish.pk),
    )


def _reason(request: ScopedRequest) -> str:
    return str(request.POST.get("reason", ""))


verify = _wish_action(
    lambda request, w: services.wish_verify(wish=w, by=request.user),
    gettext_lazy("心愿已核实并编号"),
)
publish = _wish_action(
    lambda request, w: services.wish_publish(wish=w, by=request.user),
    gettext_lazy("心愿已发布到心愿墙"),
)
withdraw = _wish_action(
    lambda request, w: services.wish_withdraw(wish=w, by=request.user, reason=_reason(request)),
    gettext_lazy("心愿已下架"),
)
confirm = _wish_action(
    lambda request, w: services.wish_confirm(wish=w, by=request.user, area=require_area(request)),
    gettext_lazy("已确认心愿实现，心愿办结"),
)
send_back = _wish_action(
    lambda request, w: services.wish_return(
        wish=w, by=request.user, area=require_area(request), reason=_reason(request)
    ),
    gettext_lazy("已退回认领人继续办理"),
)


# --- the public page: no account, one village --------------------------------------------------------
# Limits live in the shared cache (every server process sees the same counts) and are keyed on the
# real client address behind the trusted proxies (xingcun.core.net.client_ip), never REMOTE_ADDR.

Reason = PublicRefusal.Reason
REFUSALS: dict[str, Any] = {
    Reason.HONEYPOT: gettext_lazy("提交未成功，请刷新页面后重试"),
    Reason.ADDRESS_LIMIT: gettext_lazy(
        "提交过于频繁：同一网络每小时最多提交{n}个心愿，请一小时后再试，或直接联系村干部"
    ),
    Reason.VILLAGE_LIMIT: gettext_lazy(
        "本村今天网上提交的心愿已达{n}个，请明天再试，或直接联系村干部"
    ),
}


def _address_key(request: ScopedRequest) -> str:
    return f"xingcun:wishes:public:ip:{client_ip(request)}"


def _village_key(village: Area) -> str:
    return f"xingcun:wishes:public:village:{village.code}:{timezone.localdate():%Y%m%d}"


def _count(key: str, window: int) -> None:
    if cache.add(key, 1, window):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, window)


def _refusal(request: ScopedRequest, village: Area) -> str | None:
    """Why this submission is kept off the wall before it is read, or None."""
    if request.POST.get("website"):
        return Reason.HONEYPOT
    if int(cache.get(_address_key(request), 0)) >= PUBLIC_LIMIT:
        return Reason.ADDRESS_LIMIT
    if int(cache.get(_village_key(village), 0)) >= PUBLIC_VILLAGE_DAILY:
        return Reason.VILLAGE_LIMIT
    return None


@require_http_methods(["GET", "POST"])
def public(request: ScopedRequest, code: str) -> HttpResponse:
    """A resident submits a wish to one village, named by its division code, without an account.
    The wish is created in that village only and waits for the village to verify it."""
    village = get_object_or_404(Area.tree, code=code, level=Area.Level.VILLAGE)
    done = request.GET.get("ok") == "1"
    form = forms.PublicWishForm(request.POST or None)
    if request.method == "POST":
        refusal = _refusal(request, village)
        if refusal is not None:
            limit = PUBLIC_LIMIT if refusal == Reason.ADDRESS_LIMIT else PUBLIC_VILLAGE_DAILY
            services.public_refusal_count(village=village, reason=refusal)
            form.add_error(None, REFUSALS[refusal].format(n=limit))
        elif not form.is_valid():
            if form.challenge_failed:
                services.public_refusal_count(village=village, reason=Reason.CHALLENGE)
        else:
            data = form.cleaned_data
            try:
                with scope(area=village.path):  # this page's own entry point: the village only
                    services.wish_submit(
                        area=village,
                        title=data["title"],
                        content=data["content"],
                        category=data["category"],
                        wisher_name=data["wisher_name"],
                        phone=data["phone"],
                        source=Wish.Source.PUBLIC,
                        by=gettext("群众网上提交"),
                    )
            except ValidationError as e:
                form.add_error(None, e)
            else:
                _count(_address_key(request), PUBLIC_WINDOW)
                _count(_village_key(village), 24 * 60 * 60)
                return redirect(reverse("wishes:public", args=[village.code]) + "?ok=1")
    question, token = forms.new_question()
    if form.is_bound:
        fresh = QueryDict(mutable=True)
        fresh.update(form.data)
        fresh["token"], fresh["answer"] = token, ""
        form.data = fresh
    else:
        form.initial["token"] = token
    return render(
        request,
        "wishes/public.html",
        {"village": village, "form": form, "question": question, "done": done},
    )
