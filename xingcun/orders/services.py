"""Every write of the 点单 service: one atomic, audited function per transition."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from xingcun.core import audit
from xingcun.core.models import Area
from xingcun.core.scoping import lock, scopes_disabled
from xingcun.core.seeding import default_row, system_create
from xingcun.core.writes import save_audited, save_diff, save_fields
from xingcun.orders import selectors
from xingcun.orders.models import (
    Expert,
    OrderRule,
    ServiceCategory,
    ServiceOrder,
    ServiceTeam,
    SolvedProblem,
)

Status = ServiceOrder.Status

DEFAULT_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("产业发展", "种植、养殖、水果、茶叶、竹笋、山核桃、农技、病虫害、电商、品牌"),
    ("乡村建设", "规划、设计、建筑、道路、水利、环境、民宿、村落景区"),
    ("乡风文明", "文化、家风、礼堂、文艺、非遗、志愿服务"),
    ("乡村治理", "法律、调解、治安、网格、自治、村务"),
    ("强村富民", "集体经济、消薄、增收、就业、合作社、财务"),
    ("改革助力", "土地、产权、股份、金融、政策、改革"),
)

ORDER_NOT_OPEN = gettext_noop("该点单已办结或正在服务，不能再派单")
NOT_ASSIGNEE = gettext_noop("只有被指派的专家（或所派服务队的专家）可以处理该点单")


def _today(on: dt.date | None) -> dt.date:
    return on or timezone.localdate()


@transaction.atomic
def categories_ensure_defaults(*, district: Area) -> list[ServiceCategory]:
    """The six talent-team kinds of the district, created once (staff edit them afterwards)."""
    return [
        default_row(
            ServiceCategory.objects.inherited(),
            action="service-categories.created",
            changes={"name": [None, name]},
            area=district,
            name=name,
            defaults={"keywords": keywords, "position": position, "valid_from": 2017},
        )
        for position, (name, keywords) in enumerate(DEFAULT_CATEGORIES, start=1)
    ]


@transaction.atomic
def order_rule_ensure_default(*, district: Area) -> OrderRule:
    existing = OrderRule.objects.inherited().filter(area=district).order_by("valid_from").first()
    if existing is not None:
        return existing
    rule = OrderRule(
        area=district,
        name="点单服务时限",
        valid_from=2017,
        accept_days=selectors.DEFAULT_ACCEPT_DAYS,
        deliver_days=selectors.DEFAULT_DELIVER_DAYS,
    )
    return system_create(rule, action="order-rules.created", changes={"name": [None, rule.name]})


def _next_number(on: dt.date) -> str:
    prefix = f"DD{on:%Y%m%d}"
    with scopes_disabled():  # Bypass: order numbers are unique across the whole platform
        count = ServiceOrder.objects.filter(number__startswith=prefix).count()
    return f"{prefix}{count + 1:04d}"


@transaction.atomic
def order_create(
    *,
    village: Area,
    category: ServiceCategory,
    need: str,
    by: Any,
    preferred_from: dt.date | None = None,
    preferred_to: dt.date | None = None,
    on: dt.date | None = None,
) -> ServiceOrder:
    day = _today(on)
    if village.level != Area.Level.VILLAGE:
        raise ValidationError(gettext("点单应由村(社区)提出，请选择村社"))
    if not category_offered(category=category, village=village, year=day.year):
        raise ValidationError(
            gettext("服务类别“%(category)s”不在%(year)s年的服务目录中")
            % {"category": category, "year": day.year}
        )
    if not need.strip():
        raise ValidationError(gettext("请填写服务需求"))
    if preferred_from and preferred_to and preferred_to < preferred_from:
        raise ValidationError(gettext("期望结束日期不能早于开始日期"))
    order = ServiceOrder(
        area=village,
        number=_next_number(day),
        category=category,
        need=need.strip(),
        preferred_from=preferred_from,
        preferred_to=preferred_to,
        ordered_on=day,
        ordered_by=by if getattr(by, "pk", None) else None,
        status=Status.ORDERED,
    )
    return save_audited(order, actor=by, action="order.created")


def category_offered(*, category: ServiceCategory, village: Area, year: int) -> bool:
    return selectors.category_choices_for(village, year=year).filter(pk=category.pk).exists()


@transaction.atomic
def order_assign(
    *,
    order: ServiceOrder,
    by: Any,
    expert: Expert | None = None,
    team: ServiceTeam | None = None,
    on: dt.date | None = None,
) -> ServiceOrder:
    order = lock(order)
    if order.status not in (Status.ORDERED, Status.DECLINED, Status.ASSIGNED):
        raise ValidationError(gettext(ORDER_NOT_OPEN))
    if expert is None and team is None:
        raise ValidationError(gettext("请选择服务专家或服务队"))
    if (
        expert is not None
        and not selectors.expert_choices_for(order.area).filter(pk=expert.pk).exists()
    ):
        raise ValidationError(
            gettext("专家“%(name)s”不能为%(display_name)s提供服务")
            % {"name": expert.name, "display_name": order.area.display_name}
        )
    if team is not None and not selectors.team_choices_for(order.area).filter(pk=team.pk).exists():
        raise ValidationError(
            gettext("服务队“%(team)s”不能为%(display_name)s提供服务")
            % {"team": team, "display_name": order.area.display_name}
        )
    if expert is not None and team is not None and not expert.teams.filter(pk=team.pk).exists():
        raise ValidationError(
            gettext("专家“%(name)s”不是“%(team)s”的成员") % {"name": expert.name, "team": team}
        )
    day = _today(on)
    if day < order.ordered_on:
        raise ValidationError(gettext("派单日期不能早于点单日期"))
    return save_diff(
        order,
        actor=by,
        action="order.assigned",
        expert=expert,
        team=team,
        assigned_on=day,
        status=Status.ASSIGNED,
        decline_reason="",
        escalated_on=None,
    )


def _assignee_expert(order: ServiceOrder, by: Any) -> Expert:
    expert = selectors.expert_of(by)
    if expert is None:
        raise ValidationError(gettext(NOT_ASSIGNEE))
    if order.expert_id is not None:
        if order.expert_id != expert.pk:
            raise ValidationError(gettext(NOT_ASSIGNEE))
    elif order.team_id is None or not expert.teams.filter(pk=order.team_id).exists():
        raise ValidationError(gettext(NOT_ASSIGNEE))
    return expert


ORDER_TAKEN = gettext_noop("该服务单已由其他专家接单，无需再接")


def accept_refusal(order: ServiceOrder, by: Any) -> str:
    """Why `order` cannot be accepted now, in words (a race's loser reads this, never a 404)."""
    expert = selectors.expert_of(by)
    if order.status == Status.ASSIGNED:
        return gettext(NOT_ASSIGNEE)
    if order.expert_id is not None and (expert is None or order.expert_id != expert.pk):
        return gettext(ORDER_TAKEN)
    if order.status == Status.ACCEPTED:
        return gettext("您已接受该服务单")
    return gettext("该服务单当前状态为“%(status)s”，不能接单") % {
        "status": order.get_status_display()
    }


@transaction.atomic
def order_accept(*, order: ServiceOrder, by: Any, on: dt.date | None = None) -> ServiceOrder:
    order = lock(order)
    if order.status != Status.ASSIGNED:
        raise ValidationError(accept_refusal(order, by))
    expert = _assignee_expert(order, by)
    day = _today(on)
    if order.assigned_on and day < order.assigned_on:
        raise ValidationError(gettext("接单日期不能早于派单日期"))
    return save_fields(
        order,
        actor=by,
        action="order.accepted",
        changes={"status": [Status.ASSIGNED.value, Status.ACCEPTED], "expert": expert.name},
        expert=expert,
        accepted_on=day,
        status=Status.ACCEPTED,
    )


@transaction.atomic
def order_decline(*, order: ServiceOrder, reason: str, by: Any) -> ServiceOrder:
    order = lock(order)
    if order.status != Status.ASSIGNED:
        raise ValidationError(gettext("只能退回待接单的点单"))
    _assignee_expert(order, by)
    if not reason.strip():
        raise ValidationError(gettext("退回点单时请说明原因"))
    return save_diff(
        order,
        actor=by,
        action="order.declined",
        status=Status.DECLINED,
        decline_reason=reason.strip()[:200],
        expert=None,
        team=None,
        assigned_on=None,
    )


@transaction.atomic
def order_deliver(
    *,
    order: ServiceOrder,
    by: Any,
    delivered_on: dt.date,
    villages: Sequence[Area],
    beneficiaries: int,
    problems: Sequence[str],
    note: str = "",
) -> ServiceOrder:
    order = lock(order)
    if order.status in (Status.ORDERED, Status.ASSIGNED, Status.DECLINED):
        raise ValidationError(gettext("该点单尚未接单，不能登记服务完成（应先接单再服务）"))
    if order.status != Status.ACCEPTED:
        raise ValidationError(gettext("该点单已登记过服务情况"))
    _assignee_expert(order, by)
    accepted_on = order.accepted_on or delivered_on
    if delivered_on < accepted_on:
        raise ValidationError(
            gettext("服务日期%(delivered_on)s早于接单日期%(accepted_on)s，请核对")
            % {
                "delivered_on": format(delivered_on, "%Y-%m-%d"),
                "accepted_on": format(accepted_on, "%Y-%m-%d"),
            }
        )
    if delivered_on > timezone.localdate():
        raise ValidationError(gettext("服务日期不能晚于今天"))
    if beneficiaries < 0:
        raise ValidationError(gettext("受益人次不能为负数"))
    served = list(villages) or [order.area]
    district = order.area.path.split("/")[:4]
    outside = [
        v.display_name
        for v in served
        if v.level != Area.Level.VILLAGE or v.path.split("/")[:4] != district
    ]
    if outside:
        raise ValidationError(gettext("服务村社不在本区：%(join)s") % {"join": "、".join(outside)})
    lines = [p.strip() for p in problems if p.strip()]
    order.delivered_on, order.beneficiaries = delivered_on, beneficiaries
    order.delivery_note, order.status = note.strip(), Status.DELIVERED
    order.full_clean()
    order.save(
        update_fields=["delivered_on", "beneficiaries", "delivery_note", "status", "updated_at"]
    )
    order.villages.set(served)
    for line in lines:
        problem = SolvedProblem(
            area=order.area, order=order, description=line[:200], solved_on=delivered_on
        )
        problem.full_clean()
        problem.save()
    audit.log(
        actor=by,
        action="order.delivered",
        obj=order,
        changes={
            "delivered_on": delivered_on.isoformat(),
            "villages": [v.display_name for v in served],
            "beneficiaries": beneficiaries,
            "problems": lines,
        },
    )
    return order


@transaction.atomic
def order_rate(
    *, order: ServiceOrder, rating: int, comment: str, by: Any, on: dt.date | None = None
) -> ServiceOrder:
    order = lock(order)
    if order.status != Status.DELIVERED:
        raise ValidationError(gettext("只有服务完成、待评价的点单可以评价"))
    if not 1 <= rating <= 5:
        raise ValidationError(gettext("评分应为1到5分"))
    day, comment = _today(on), comment.strip()[:200]
    return save_fields(
        order,
        actor=by,
        action="order.closed",
        changes={"rating": rating, "comment": comment},
        rating=rating,
        comment=comment,
        status=Status.CLOSED,
        closed_on=max(day, order.delivered_on or day),
    )


@transaction.atomic
def overdue_escalate(*, today: dt.date, by: Any = None) -> list[ServiceOrder]:
    """Mark every overdue order not yet escalated as escalated to the district (audited), so the
    district's list shows it. Run daily by `manage.py escalate_overdue_orders`."""
    escalated = []
    for item in selectors.overdue_orders(today=today):
        order = item.order
        if order.escalated_on is not None:
            continue
        order.escalated_on = today
        order.save(update_fields=["escalated_on", "updated_at"])
        audit.log(
            actor=by,
            action="order.escalated",
            obj=order,
            via_path="command" if by is None else None,
            changes={"stage": item.stage, "due": item.due.isoformat(), "days_late": item.days_late},
        )
        escalated.append(order)
    return escalated
