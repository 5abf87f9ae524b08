from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xingcun.core import audit
from xingcun.core.actions import Message, attempt, cleaned, object_action
from xingcun.core.http import ScopedRequest
from xingcun.core.models import Area
from xingcun.core.permissions import AUDIT_VIEW, request_has, requires
from xingcun.core.tabular import TableError, read_table, write_template, write_xlsx
from xingcun.indicators.selectors import page_year
from xingcun.vanguard import selectors, services
from xingcun.vanguard.forms import (
    IMPORT_COLUMNS,
    IMPORT_EXAMPLE,
    CopyForm,
    CorrectionForm,
    DecisionForm,
    EventForm,
    ImportForm,
    RoundForm,
    TextForm,
    parse_event_rows,
)
from xingcun.vanguard.models import Grade, Objection, Result, Round, Scheme, ScoreEvent
from xingcun.vanguard.permissions import (
    VANGUARD_ANSWER,
    VANGUARD_APPROVE,
    VANGUARD_CONFIG,
    VANGUARD_MANAGE,
    VANGUARD_RECORD,
    VANGUARD_SELF,
    VANGUARD_VIEW,
)

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(request: ScopedRequest, default: int | None = None) -> int:
    return page_year(request, default or timezone.localdate().year)


def _own(request: ScopedRequest, member_id: int) -> bool:
    me = selectors.member_of_user(request.user)
    return me is not None and me.pk == member_id


MemberRow = TypeVar("MemberRow", ScoreEvent, Result)


def _staff_or_own(request: ScopedRequest, rows: QuerySet[MemberRow], pk: int) -> MemberRow:
    """Row `pk` for staff who may view the index, or for the member it is about; 404 otherwise."""
    row = get_object_or_404(rows, pk=pk)
    if not request_has(request, VANGUARD_VIEW) and not _own(request, row.member_id):
        raise Http404
    return row


# --- overview and "my score" ---------------------------------------------------------------------


@requires(VANGUARD_SELF)
@require_GET
def index(request: ScopedRequest) -> HttpResponse:
    if not request_has(request, VANGUARD_VIEW):
        return redirect("vanguard:my-score")
    area = request.area
    year = _year(request, selectors.latest_year(area=area))
    context = {
        "year": year,
        "years": range(timezone.localdate().year, 2016, -1),
        "rounds": selectors.rounds_visible(area=area, year=year),
        "pending": selectors.pending_count(),
        "round_form": RoundForm(initial={"year": year}),
        "can_manage": request_has(request, VANGUARD_MANAGE),
        "can_record": request_has(request, VANGUARD_RECORD),
        "can_approve": request_has(request, VANGUARD_APPROVE),
        "me": selectors.member_of_user(request.user),
    }
    return render(request, "vanguard/index.html", context)


@requires(VANGUARD_SELF)
@require_GET
def my_score(request: ScopedRequest) -> HttpResponse:
    """A member's own score: the stored result once publicised, else today's provisional score."""
    me = selectors.member_of_user(request.user)
    year = _year(request, selectors.latest_year(area=None, member=me) if me else None)
    this_year = timezone.localdate().year
    context: dict[str, Any] = {"me": me, "year": year, "years": range(this_year, 2018, -1)}
    if me is not None:
        result = selectors.result_of(member=me, year=year)
        shown = (
            result if result is not None and result.round.status != Round.Status.COMPUTED else None
        )
        context["result"] = shown
        if shown is None:
            live = selectors.live_score(member=me, year=year)
            if live is not None:
                context["scheme"], context["live"] = live
                context["rows"] = selectors.explanation_rows(live[1].explanation())
                context["grade_label"] = Grade(live[1].grade).label
        else:
            today = timezone.localdate()
            in_publicity = shown.round.in_publicity(today)
            context["in_publicity"] = in_publicity
            context["ranking"] = selectors.branch_ranking(result=shown) if in_publicity else None
            context["rows"] = selectors.explanation_rows(shown.explanation)
            context["bonus_capped"] = shown.bonus < shown.bonus_raw
            context["objections"] = shown.objections.all()
            context["objection_form"] = TextForm()
    return render(request, "vanguard/my_score.html", context)


# --- events ---------------------------------------------------------------------------------------


@requires(VANGUARD_VIEW)
@require_GET
def event_list(request: ScopedRequest) -> HttpResponse:
    year = _year(request, selectors.latest_year(area=request.area))
    query = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    qs = selectors.event_list(year=year, query=query, status=status)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "year": year,
        "years": range(timezone.localdate().year, 2016, -1),
        "query": query,
        "status": status,
        "can_record": request_has(request, VANGUARD_RECORD),
        "can_approve": request_has(request, VANGUARD_APPROVE),
        "querystring": request.GET.urlencode(),
    }
    return render(request, "vanguard/event_list.html", context)


@requires(VANGUARD_VIEW)
@require_GET
def event_export(request: ScopedRequest) -> HttpResponse:
    year = _year(request, selectors.latest_year(area=request.area))
    qs = selectors.event_list(
        year=year, query=request.GET.get("q", "").strip(), status=request.GET.get("status", "")
    )
    headers = [gettext("编号"), gettext("党员"), gettext("村社"), gettext("发生日期"), gettext("项目代码"), gettext("项目"), gettext("加减分"), gettext("分值"), gettext("事实与佐证"),
               gettext("来源"), gettext("登记人"), gettext("状态"), gettext("更正的事件")]  # fmt: skip
    rows = (
        [
            e.pk,
            e.member.person.name,
            e.area.display_name,
            e.date,
            e.item_code,
            e.item.name,
            e.item.get_kind_display(),
            e.points,
            e.evidence,
            e.source_label,
            str(e.recorded_by or gettext("系统")),
            e.status_label,
            e.corrects_id or "",
        ]
        for e in qs
    )
    response = HttpResponse(write_xlsx(headers, rows), content_type=XLSX)
    filename = quote(gettext("先锋指数积分事件-%(year)s.xlsx") % {"year": year})
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


@requires(VANGUARD_RECORD)
@require_http_methods(["GET", "POST"])
def event_create(request: ScopedRequest) -> HttpResponse:
    area = request.area or Area.objects.filter(parent__isnull=True).order_by("code").first()
    if area is None:
        raise Http404
    initial = {"date": timezone.localdate(), "member": request.GET.get("member", "")}
    form = EventForm(request.POST or None, area=area, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            event = services.score_event_record(recorded_by=request.user, source="manual", **data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            note = "" if event.decision else gettext("，待镇街审核")
            messages.success(
                request,
                gettext("已为%(member)s登记“%(name)s”%(note)s")
                % {"member": event.member, "name": event.item.name, "note": note},
            )
            return redirect("vanguard:event-detail", pk=event.pk)
    return render(request, "vanguard/event_form.html", {"form": form})


@requires(VANGUARD_SELF)
@require_GET
def event_detail(request: ScopedRequest, pk: int) -> HttpResponse:
    event = _staff_or_own(
        request,
        ScoreEvent.objects.select_related("member__person", "item__scheme", "area", "recorded_by"),
        pk,
    )
    staff = request_has(request, VANGUARD_VIEW)
    context = {
        "event": event,
        "decision": event.decision,
        "correction": getattr(event, "correction", None) if _has_correction(event) else None,
        "can_correct": staff and request_has(request, VANGUARD_RECORD),
        "can_approve": staff and request_has(request, VANGUARD_APPROVE),
        "decision_form": DecisionForm(),
        "correction_form": CorrectionForm(initial={"points": event.points}),
        "history": audit.history(event)[:20] if request_has(request, AUDIT_VIEW) else [],
    }
    return render(request, "vanguard/event_detail.html", context)


def _has_correction(event: ScoreEvent) -> bool:
    try:
        event.correction  # noqa: B018  (reverse one-to-one: raises when absent)
    except ScoreEvent.DoesNotExist:
        return False
    return True


@requires(VANGUARD_RECORD)
@require_POST
def event_correct(request: ScopedRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(ScoreEvent.objects.all(), pk=pk)
    missing = gettext("请填写更正后的分值和更正原因")
    correction = attempt(
        request,
        lambda: services.score_event_correct(
            event=event, recorded_by=request.user, **cleaned(CorrectionForm(request.POST), missing)
        ),
        gettext("已登记更正记录，原事件保留不变"),
        joined=True,
    )
    return redirect("vanguard:event-detail", pk=pk if correction is None else correction.pk)


@requires(VANGUARD_APPROVE)
@require_POST
def event_decide(request: ScopedRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(ScoreEvent.objects.all(), pk=pk)
    missing = gettext("请选择审核结果")
    attempt(
        request,
        lambda: services.score_event_decide(
            event=event, actor=request.user, **cleaned(DecisionForm(request.POST), missing)
        ),
        gettext("审核意见已保存"),
        joined=True,
    )
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect("vanguard:event-detail", pk=event.pk)


# --- rounds and results ---------------------------------------------------------------------------


@requires(VANGUARD_MANAGE)
@require_POST
def round_compute(request: ScopedRequest) -> HttpResponse:
    form = RoundForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("请选择镇(街道)和年度"))
        return redirect("vanguard:index")
    rnd = attempt(
        request,
        lambda: services.round_compute(
            town=form.cleaned_data["town"], year=form.cleaned_data["year"], actor=request.user
        ),
        lambda rnd: gettext("%(rnd)s已测算") % {"rnd": rnd},
        joined=True,
    )
    if rnd is None:
        return redirect("vanguard:index")
    return redirect("vanguard:round-detail", pk=rnd.pk)


def _round(request: ScopedRequest, pk: int) -> Round:
    rnd = selectors.round_visible(pk=pk, area=request.area)
    if rnd is None:
        raise Http404
    return rnd


@requires(VANGUARD_VIEW)
@require_GET
def round_detail(request: ScopedRequest, pk: int) -> HttpResponse:
    rnd = _round(request, pk)
    query = request.GET.get("q", "").strip()
    page = Paginator(selectors.round_results(round=rnd, query=query), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "round": rnd,
        "page": page,
        "query": query,
        "objections": selectors.open_objections(round=rnd),
        "text_form": TextForm(),
        "can_manage": request_has(request, VANGUARD_MANAGE),
        "can_answer": request_has(request, VANGUARD_ANSWER),
        "today": timezone.localdate(),
    }
    return render(request, "vanguard/round_detail.html", context)


@requires(VANGUARD_VIEW)
@require_GET
def round_export(request: ScopedRequest, pk: int) -> HttpResponse:
    rnd = _round(request, pk)
    headers = [gettext("姓名"), gettext("村社"), gettext("支部"), gettext("分类"), gettext("基础分"), gettext("计入加分"), gettext("扣分"), gettext("先锋指数"), gettext("等次"),
               gettext("支部排名"), gettext("全镇排名"), gettext("需帮教")]  # fmt: skip
    rows = (
        [
            r.member.person.name,
            r.area.display_name,
            r.organisation.name,
            r.category,
            r.base,
            r.bonus,
            r.deduction,
            r.score,
            r.get_grade_display(),
            r.rank_branch,
            r.rank_town,
            gettext("是") if r.follow_up else "",
        ]
        for r in selectors.round_results(round=rnd)
    )
    response = HttpResponse(write_xlsx(headers, rows), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(str(rnd))}.xlsx"
    return response


def _round_action(
    act: Callable[[ScopedRequest, Round], Round], done: Message | Callable[[Round], str]
) -> Callable[..., Any]:
    return object_action(
        VANGUARD_MANAGE,
        find=_round,
        act=act,
        done=done,
        back=lambda rnd: redirect("vanguard:round-detail", pk=rnd.pk),
        joined=True,
    )


round_recompute = _round_action(
    lambda request, rnd: services.round_compute(town=rnd.area, year=rnd.year, actor=request.user),
    gettext_lazy("已按最新积分事件重新测算"),
)
round_publicise = _round_action(
    lambda request, rnd: services.round_publicise(round=rnd, actor=request.user),
    lambda rnd: (
        gettext("已开始公示，公示期至%(publicity_ends)s")
        % {"publicity_ends": format(rnd.publicity_ends, "%Y-%m-%d")}
    ),
)
round_finalise = _round_action(
    lambda request, rnd: services.round_finalise(round=rnd, actor=request.user),
    gettext_lazy("结果已确定"),
)


def _result(request: ScopedRequest, pk: int) -> Result:
    return _staff_or_own(
        request,
        Result.objects.select_related("member__person", "round__area", "organisation", "area"),
        pk,
    )


@requires(VANGUARD_SELF)
@require_GET
def result_detail(request: ScopedRequest, pk: int) -> HttpResponse:
    result = _result(request, pk)
    context = {
        "result": result,
        "objections": result.objections.select_related("raised_by"),
        "rows": selectors.explanation_rows(result.explanation),
        "bonus_capped": result.bonus < result.bonus_raw,
        "own": _own(request, result.member_id),
        "in_publicity": result.round.in_publicity(timezone.localdate()),
        "objection_form": TextForm(),
    }
    return render(request, "vanguard/result_detail.html", context)


# --- objections -----------------------------------------------------------------------------------


@requires(VANGUARD_SELF)
@require_POST
def objection_raise(request: ScopedRequest, pk: int) -> HttpResponse:
    result = _result(request, pk)
    attempt(
        request,
        lambda: services.objection_raise(
            result=result, by=request.user, reason=_text(request, gettext("请填写异议理由"))
        ),
        gettext("异议已提交，党支部将予以答复"),
        joined=True,
    )
    return redirect(f"{reverse('vanguard:my-score')}?year={result.round.year}")


def _text(request: ScopedRequest, missing: str) -> str:
    """The one text field of an objection form, or a refusal saying what is missing."""
    return str(cleaned(TextForm(request.POST), missing)["text"])


def _objection(pk: int) -> Objection:
    return get_object_or_404(
        Objection.objects.select_related("result__round__area", "result__member__person"), pk=pk
    )


def _objection_action(
    perm: str, act: Callable[[ScopedRequest, Objection], Objection], done: Message
) -> Callable[..., Any]:
    """A step of an objection; back to its round's page."""
    return object_action(
        perm,
        find=lambda request, pk: _objection(pk),
        act=act,
        done=done,
        back=lambda objection: redirect("vanguard:round-detail", pk=objection.result.round_id),
        joined=True,
    )


objection_answer = _objection_action(
    VANGUARD_ANSWER,
    lambda request, objection: services.objection_answer(
        objection=objection, by=request.user, answer=_text(request, gettext("请填写答复意见"))
    ),
    gettext_lazy("答复已保存，待镇街裁定"),
)
objection_decide = _objection_action(
    VANGUARD_MANAGE,
    lambda request, objection: services.objection_decide(
        objection=objection,
        by=request.user,
        upheld=request.POST.get("upheld") == "1",
        note=_text(request, gettext("请填写裁定意见")),
    ),
    gettext_lazy("裁定已保存"),
)


# --- schemes --------------------------------------------------------------------------------------


scheme_publish = object_action(
    VANGUARD_CONFIG,
    find=lambda request, pk: get_object_or_404(Scheme.objects.all(), pk=pk),
    act=lambda request, scheme: services.scheme_publish(scheme=scheme, actor=request.user),
    done=lambda scheme: gettext("方案“%(code)s”已发布") % {"code": scheme.code},
    back=lambda scheme: redirect("core:vanguard-schemes-detail", pk=scheme.pk),
    joined=True,
)


@requires(VANGUARD_CONFIG)
@require_POST
def scheme_copy(request: ScopedRequest, pk: int) -> HttpResponse:
    scheme = get_object_or_404(Scheme.objects.all(), pk=pk)
    form = CopyForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("请填写新版本编号和起始年度"))
        return redirect("core:vanguard-schemes-detail", pk=scheme.pk)
    copy = attempt(
        request,
        lambda: services.scheme_copy(scheme=scheme, actor=request.user, **form.cleaned_data),
        lambda copy: gettext("已复制为草稿“%(code)s”，修改项目后发布") % {"code": copy.code},
        joined=True,
    )
    return redirect("core:vanguard-schemes-detail", pk=(copy or scheme).pk)


# --- import ---------------------------------------------------------------------------------------


@requires(VANGUARD_RECORD)
@require_GET
def event_template(request: ScopedRequest) -> HttpResponse:
    content = write_template(gettext("先锋指数积分事件"), IMPORT_COLUMNS, IMPORT_EXAMPLE)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''{quote(gettext('先锋指数积分事件导入模板.xlsx'))}"
    )
    return response


@requires(VANGUARD_RECORD)
@require_http_methods(["GET", "POST"])
def event_import(request: ScopedRequest) -> HttpResponse:
    """Upload score events from Excel or CSV: all rows are recorded, or none."""
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = read_table(
                upload.read(), upload.name or "", max_bytes=settings.XINGCUN_IMPORT_MAX_BYTES
            )
        except TableError as e:
            errors = [str(e)]
        else:
            rows, errors = parse_event_rows(table)
            if not errors:
                try:
                    saved = services.score_events_import(rows=rows, recorded_by=request.user)
                except ValidationError as e:
                    errors = e.messages
                else:
                    messages.success(
                        request, gettext("已导入%(len)s条积分事件") % {"len": len(saved)}
                    )
                    return redirect("vanguard:event-list")
    return render(request, "vanguard/event_import.html", {"form": form, "errors": errors})
