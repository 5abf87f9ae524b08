from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from xingcun.competitions import forms, selectors, services
from xingcun.competitions.models import Competition, CompetitionEntry
from xingcun.competitions.permissions import COMPETITION_EDIT, COMPETITION_VIEW
from xingcun.core.actions import attempt, attempt_form, object_action, serve_file
from xingcun.core.http import ScopedRequest
from xingcun.core.permissions import request_has, requires
from xingcun.core.views import is_htmx
from xingcun.indicators import charts
from xingcun.organisations.models import Organisation

REFRESH_SECONDS = 30


@require_GET
@requires(COMPETITION_VIEW)
def index(request: ScopedRequest) -> HttpResponse:
    """Competitions the user may follow; for staff also the temporary and functional branches."""
    can_edit = request_has(request, COMPETITION_EDIT)
    today = timezone.localdate()
    return render(
        request,
        "competitions/index.html",
        {
            "competitions": selectors.competitions_for(user=request.user, area=request.area)[:50],
            "branches": selectors.branches(on=today) if can_edit else [],
            "can_edit": can_edit,
            "today": today,
        },
    )


def _branch(pk: int) -> Organisation:
    return get_object_or_404(
        Organisation.objects.filter(category__in=("temporary", "functional")).exclude(
            kind=Organisation.Kind.GROUP
        ),
        pk=pk,
    )


@require_GET
@requires(COMPETITION_EDIT)
def branch(request: ScopedRequest, pk: int) -> HttpResponse:
    found = _branch(pk)
    today = timezone.localdate()
    members = selectors.group_members(found, on=today)
    groups = [(g, members.get(g.pk, [])) for g in selectors.groups_of(found)]
    return render(
        request,
        "competitions/branch.html",
        {
            "branch": found,
            "groups": groups,
            "branch_members": selectors.branch_members(found, on=today),
            "competitions": Competition.objects.filter(branch=found).order_by("-starts_on"),
            "group_form": forms.GroupForm(),
            "member_form": forms.GroupMemberForm(branch=found, on=today),
        },
    )


@require_POST
@requires(COMPETITION_EDIT)
def group_add(request: ScopedRequest, pk: int) -> HttpResponse:
    found = _branch(pk)
    form = forms.GroupForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.party_group_create(
                branch=found, name=form.cleaned_data["name"], by=request.user
            ),
            lambda group: gettext("已设立%(group)s") % {"group": group},
        )
    return redirect("competitions:branch", pk=found.pk)


@require_POST
@requires(COMPETITION_EDIT)
def group_member(request: ScopedRequest, pk: int) -> HttpResponse:
    found = _branch(pk)
    form = forms.GroupMemberForm(request.POST, branch=found, on=timezone.localdate())
    attempt_form(
        request,
        form,
        lambda data: services.group_member_add(
            group=data["group"], member=data["member"], by=request.user
        ),
        lambda _: (
            gettext("%(value)s已编入%(value2)s")
            % {"value": form.cleaned_data["member"], "value2": form.cleaned_data["group"]}
        ),
    )
    return redirect("competitions:branch", pk=found.pk)


def _visible(request: ScopedRequest, pk: int) -> Competition:
    return get_object_or_404(
        selectors.competitions_for(user=request.user, area=request.area), pk=pk
    )


def _chart(competition: Competition, scores: list[selectors.Score]) -> dict[str, Any]:
    points = [
        charts.Point(s.group.name, s.points, text=gettext("%(points)s分") % {"points": s.points})
        for s in scores
    ]
    return charts.ranking(
        title=gettext("%(name)s积分排名") % {"name": competition.name},
        unit="分",
        points=points,
        filename=competition.name,
        top=len(points) or 1,
    )


@require_GET
@requires(COMPETITION_VIEW)
def board(request: ScopedRequest, pk: int) -> HttpResponse:
    """The live scoreboard (refreshed every half minute); staff also record entries here."""
    competition = _visible(request, pk)
    scores = selectors.scoreboard(competition)
    context: dict[str, Any] = {
        "competition": competition,
        "scores": scores,
        "chart": _chart(competition, scores),
        "refresh": REFRESH_SECONDS,
        "updated": timezone.localtime(),
    }
    if is_htmx(request):
        return render(request, "competitions/board.html#scores", context)
    can_edit = (
        request_has(request, COMPETITION_EDIT)
        and Competition.objects.filter(pk=competition.pk).exists()
    )
    context.update(
        can_edit=can_edit,
        entries=selectors.entries_of(competition)[:200],
        items=competition.items.all() if can_edit else [],
        entry_form=forms.EntryForm(
            competition=competition, initial={"achieved_on": timezone.localdate()}
        )
        if can_edit
        else None,
    )
    return render(request, "competitions/board.html", context)


def _own(pk: int) -> Competition:
    return get_object_or_404(Competition.objects.select_related("branch"), pk=pk)


@require_POST
@requires(COMPETITION_EDIT)
def entry_add(request: ScopedRequest, pk: int) -> HttpResponse:
    competition = _own(pk)
    form = forms.EntryForm(request.POST, request.FILES, competition=competition)
    attempt_form(
        request,
        form,
        lambda data: services.entry_record(competition=competition, by=request.user, **data),
        lambda _: (
            gettext("已为%(value)s登记%(value2)s")
            % {"value": form.cleaned_data["group"], "value2": form.cleaned_data["title"]}
        ),
    )
    return redirect("competitions:board", pk=competition.pk)


entry_void = object_action(
    COMPETITION_EDIT,
    find=lambda request, pk: get_object_or_404(CompetitionEntry.objects.all(), pk=pk),
    act=lambda request, entry: services.entry_void(
        entry=entry, by=request.user, reason=str(request.POST.get("reason", ""))
    ),
    done=gettext_lazy("记录已作废，积分已扣除"),
    back=lambda entry: redirect("competitions:board", pk=entry.competition_id),
)
close = object_action(
    COMPETITION_EDIT,
    find=lambda request, pk: _own(pk),
    act=lambda request, competition: services.competition_close(
        competition=competition, by=request.user
    ),
    done=gettext_lazy("比拼已结束评比，当前排名为最终排名"),
    back=lambda competition: redirect(reverse("competitions:board", args=[competition.pk])),
)


@require_GET
@requires(COMPETITION_VIEW)
def evidence(request: ScopedRequest, pk: int) -> HttpResponseBase:
    entry = get_object_or_404(
        CompetitionEntry.objects.inherited().select_related("competition"), pk=pk
    )
    _visible(request, entry.competition_id)  # 404 unless the user may follow the competition
    return serve_file(entry.evidence_file)
