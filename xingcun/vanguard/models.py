"""农村党员先锋指数: versioned schemes, append-only score events, yearly rounds and frozen results.

A scheme version (district staff) says who is rated, the base score, the bonus and deduction items
with their caps, the grade cut-offs and what a low score triggers. Score events are never changed
or deleted: a correction is a new event that replaces an earlier one. Each year a town computes a
round; its results go through 公示 and objections before they are final, and a final result keeps
its own copy of every figure, so a later scheme version never changes it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from xingcun.core.fields import OneRef, Ref
from xingcun.core.models import (
    AreaScoped,
    PublishedVersion,
    at_least,
    first_reached,
    refuse_locked_changes,
)

SCORE: dict[str, Any] = {"max_digits": 7, "decimal_places": 2}
CATEGORY_LETTERS = "ABCD"


def validate_categories(value: str) -> None:
    letters = value.upper()
    if any(c not in CATEGORY_LETTERS for c in letters) or len(set(letters)) != len(letters):
        raise ValidationError(gettext("党员分类只能填写 A、B、C、D 中的字母，且不重复，如 ABCD"))


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("优秀")
    QUALIFIED = "qualified", _("合格")
    WARNING = "warning", _("警示")
    FAILED = "failed", _("不合格")


class Scheme(PublishedVersion):
    """One version of the scoring scheme, valid for a range of years in a jurisdiction."""

    # What a version decides (a new version starts as a copy of them); locked once published.
    SETTINGS = (
        "categories",
        "base_score",
        "bonus_cap",
        "excellent_from",
        "qualified_from",
        "warning_from",
        "follow_up_below",
        "follow_up_action",
        "publicity_days",
    )
    LOCKED = ("area_id", "code", "valid_from", *SETTINGS)

    categories = models.CharField(
        _("参评党员分类"),
        max_length=4,
        default=CATEGORY_LETTERS,
        validators=[validate_categories],
        help_text=_("A 两委成员、B 60周岁以下无职、C 60周岁及以上无职、D 流动党员，如 ABCD"),
    )
    base_score = models.DecimalField(_("基础分"), **SCORE)
    bonus_cap = models.DecimalField(
        _("年度加分上限"), null=True, blank=True, help_text=_("留空表示不设总上限"), **SCORE
    )
    excellent_from = models.DecimalField(_("优秀分数线"), **SCORE)
    qualified_from = models.DecimalField(_("合格分数线"), **SCORE)
    warning_from = models.DecimalField(_("警示分数线"), help_text=_("低于此分为不合格"), **SCORE)
    follow_up_below = models.DecimalField(_("帮教分数线"), help_text=_("低于此分触发帮教"), **SCORE)
    follow_up_action = models.CharField(_("低分处置措施"), max_length=200)
    publicity_days = models.PositiveSmallIntegerField(_("公示天数"), default=7)

    class Meta(PublishedVersion.Meta):
        verbose_name = _("先锋指数方案")
        constraints = [
            *PublishedVersion.Meta.constraints,
            models.CheckConstraint(
                condition=Q(valid_from__gte=2000, valid_from__lte=2100),
                name="vanguard_scheme_year_2000_2100",
            ),
            models.CheckConstraint(
                condition=Q(base_score__gte=0)
                & (Q(bonus_cap__isnull=True) | Q(bonus_cap__gte=0))
                & Q(warning_from__gte=0)
                & Q(qualified_from__gte=F("warning_from"))
                & Q(excellent_from__gte=F("qualified_from")),
                name="vanguard_scheme_cut_offs_ordered",
            ),
            models.CheckConstraint(
                condition=Q(publicity_days__gte=1, publicity_days__lte=30),
                name="vanguard_scheme_publicity_1_30",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published"]), name="vanguard_scheme_status"
            ),
        ]

    def grade_for(self, score: Decimal) -> str:
        return first_reached(
            score,
            (
                (self.excellent_from, Grade.EXCELLENT),
                (self.qualified_from, Grade.QUALIFIED),
                (self.warning_from, Grade.WARNING),
            ),
            Grade.FAILED,
        )

    def rates(self, category: str) -> bool:
        return category in self.categories

    def clean(self) -> None:
        self.categories = (self.categories or "").upper()
        super().clean()  # validity; published versions may not overlap
        if None not in (self.excellent_from, self.qualified_from, self.warning_from) and not (
            self.excellent_from >= self.qualified_from >= self.warning_from
        ):
            raise ValidationError(gettext("分数线应满足：优秀 ≥ 合格 ≥ 警示"))
        refuse_locked_changes(
            self,
            self.LOCKED,
            gettext("方案“%(code)s”已发布，不能再修改（%(join)s）；请复制为新版本后修改并发布"),
        )


class Item(AreaScoped):
    """A bonus or deduction item of one scheme version; `area` follows the scheme."""

    NATURAL_KEY = ("scheme", "code")
    NATURAL_KEY_CONSTRAINT = "vanguard_item_unique_code"

    class Kind(models.TextChoices):
        BONUS = "bonus", _("加分")
        DEDUCTION = "deduction", _("扣分")

    class Group(models.TextChoices):
        VANGUARD = "vanguard", _("先锋作用")
        SERVICE = "service", _("服务群众")
        STUDY = "study", _("学习教育")
        FAMILY = "family", _("好家风")
        DISCIPLINE = "discipline", _("遵规守纪")

    LOCKED = ("scheme_id", "code", "name", "group", "kind", "points", "cap", "categories")

    scheme = Ref(Scheme, _("方案"), related_name="items")
    code = models.CharField(
        _("项目代码"),
        max_length=32,
        help_text=_("字母、数字和下划线，如 wish_fulfilled；新版本沿用同一代码即视为同一项目"),
    )
    name = models.CharField(_("项目名称"), max_length=100)
    group = models.CharField(_("类别"), max_length=16, choices=Group.choices)
    kind = models.CharField(_("加减分"), max_length=16, choices=Kind.choices)
    points = models.DecimalField(_("每次分值"), **SCORE)
    cap = models.DecimalField(
        _("年度上限"),
        null=True,
        blank=True,
        help_text=_("本项目一年最多计分；留空为不设上限"),
        **SCORE,
    )
    categories = models.CharField(
        _("适用党员分类"),
        max_length=4,
        blank=True,
        validators=[validate_categories],
        help_text=_("留空表示方案参评的所有分类"),
    )
    description = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("先锋指数评分项目")
        ordering = ["scheme", "kind", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(points__gt=0), name="vanguard_item_points_gt_0"),
            at_least("cap", "points", name="vanguard_item_cap_gte_points"),
            models.CheckConstraint(
                condition=Q(kind__in=["bonus", "deduction"]), name="vanguard_item_kind"
            ),
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Za-z][A-Za-z0-9_]*$"), name="vanguard_item_code_slug"
            ),
        ]

    def __str__(self) -> str:
        sign = "+" if self.kind == self.Kind.BONUS else "−"
        return f"{self.name}（{sign}{self.points}）"

    @property
    def sign(self) -> int:
        return 1 if self.kind == self.Kind.BONUS else -1

    def applies_to(self, category: str) -> bool:
        return not self.categories or category in self.categories

    def clean(self) -> None:
        import re

        self.categories = (self.categories or "").upper()
        if self.code and not re.match(r"^[A-Za-z][A-Za-z0-9_]*$", self.code):
            raise ValidationError(
                {"code": gettext("项目代码只能由字母、数字和下划线组成，且以字母开头")}
            )
        if self.cap is not None and self.points is not None and self.cap < self.points:
            raise ValidationError({"cap": gettext("年度上限不能小于每次分值")})
        if self.scheme_id is None:
            return
        if self.area_id is None or self.area_id != self.scheme.area_id:
            self.area_id = self.scheme.area_id
        refuse_locked_changes(
            self,
            self.LOCKED,
            gettext("方案“%(code)s”已发布，其项目不能修改（%(join)s）"),
            added=gettext("方案“%(code)s”已发布，不能再增加项目；请复制为新版本"),
        )


class ScoreEvent(AreaScoped):
    """One dated fact that scores: append-only (services never update or delete it).

    `area` is the member's village. `points` is a magnitude; the item says whether it adds or
    deducts. A correction is a new event pointing at the one it replaces (`corrects`); points 0
    cancel the earlier event."""

    MANUAL_SOURCES = ("manual", "import")
    SOURCE_LABELS: dict[str, StrOrPromise] = {
        "manual": gettext_lazy("人工登记"),
        "import": gettext_lazy("批量导入"),
        "wish": gettext_lazy("微心愿"),
        "post": gettext_lazy("设岗定责"),
        "competition": gettext_lazy("比拼"),
        "visit": gettext_lazy("走亲连心"),
    }

    member = Ref("people.PartyMember", _("党员"), related_name="vanguard_events")
    item = Ref(Item, _("评分项目"), related_name="events")
    item_code = models.CharField(_("项目代码"), max_length=32)
    date = models.DateField(_("发生日期"))
    points = models.DecimalField(_("分值"), **SCORE)
    evidence = models.CharField(_("事实与佐证"), max_length=500)
    source = models.CharField(_("来源"), max_length=32, default="manual")
    recorded_by = Ref(settings.AUTH_USER_MODEL, _("登记人"), null=True)
    corrects = OneRef("self", _("更正的事件"), related_name="correction", null=True)
    reason = models.CharField(_("更正原因"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("先锋指数积分事件")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(points__gte=0), name="vanguard_event_points_gte_0"),
            models.CheckConstraint(
                condition=~Q(evidence=""), name="vanguard_event_evidence_required"
            ),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(reason=""),
                name="vanguard_event_correction_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["member", "date"], name="vanguard_event_member_date")]

    def __str__(self) -> str:
        return f"{self.member} {self.date:%Y-%m-%d} {self.item.name} {self.signed_points}"

    @property
    def signed_points(self) -> str:
        sign = "+" if self.item.kind == Item.Kind.BONUS else "−"
        return f"{sign}{self.points}"

    @property
    def source_label(self) -> str:
        return str(self.SOURCE_LABELS.get(self.source, self.source))

    @property
    def is_manual(self) -> bool:
        return self.source in self.MANUAL_SOURCES

    @property
    def decision(self) -> EventDecision | None:
        try:
            return self.approval
        except EventDecision.DoesNotExist:
            return None

    @property
    def status_label(self) -> str:
        decision = self.decision
        if decision is None:
            return gettext("待审核")
        if not decision.approved:
            return gettext("未通过")
        try:
            correction = self.correction
        except ScoreEvent.DoesNotExist:
            return gettext("有效")
        return (
            gettext("已更正")
            if correction.is_effective_approval()
            else gettext("有效（更正待审核）")
        )

    def is_effective_approval(self) -> bool:
        decision = self.decision
        return bool(decision and decision.approved)


class EventDecision(AreaScoped):
    """The approval (or rejection) of one score event, recorded once; the event itself never
    changes. Events recorded by town or district staff, or by another module, are approved when
    recorded."""

    event = OneRef(ScoreEvent, _("积分事件"), related_name="approval")
    approved = models.BooleanField(_("通过"))
    decided_by = Ref(settings.AUTH_USER_MODEL, _("审核人"), null=True)
    note = models.CharField(_("审核意见"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("积分事件审核")

    def __str__(self) -> str:
        return f"{self.event_id} {gettext('通过') if self.approved else gettext('未通过')}"


class Round(AreaScoped):
    """A town's yearly assessment: computed → 公示 → final. `area` is the town."""

    class Status(models.TextChoices):
        COMPUTED = "computed", _("已测算")
        PUBLICISED = "publicised", _("公示中")
        FINAL = "final", _("已确定")

    year = models.PositiveSmallIntegerField(_("年度"))
    scheme = Ref(Scheme, _("所用方案"), related_name="rounds")
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices)
    computed_at = models.DateTimeField(_("测算时间"))
    publicised_on = models.DateField(_("公示开始日期"), null=True, blank=True)
    publicity_days = models.PositiveSmallIntegerField(_("公示天数"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("确定时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("先锋指数年度评定")
        ordering = ["-year", "area"]
        constraints = [
            models.UniqueConstraint(fields=["area", "year"], name="vanguard_round_unique_year"),
            models.CheckConstraint(
                condition=Q(status__in=["computed", "publicised", "final"]),
                name="vanguard_round_status",
            ),
            models.CheckConstraint(
                condition=Q(status="computed") | Q(publicised_on__isnull=False),
                name="vanguard_round_publicised_has_date",
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(name)s%(year)s年度先锋指数") % {
            "name": self.area.display_name,
            "year": self.year,
        }

    @property
    def publicity_ends(self) -> dt.date | None:
        if self.publicised_on is None or not self.publicity_days:
            return None
        return self.publicised_on + dt.timedelta(days=self.publicity_days - 1)

    def in_publicity(self, today: dt.date) -> bool:
        ends = self.publicity_ends
        return (
            self.status == self.Status.PUBLICISED
            and self.publicised_on is not None
            and ends is not None
            and self.publicised_on <= today <= ends
        )

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL


class Result(AreaScoped):
    """A member's yearly score in a round. Every figure is stored, so a final result is a frozen
    copy: nothing recomputes it once the round is final. `area` is the member's village."""

    round = Ref(Round, _("年度评定"), related_name="results")
    member = Ref("people.PartyMember", _("党员"), related_name="vanguard_results")
    organisation = Ref("organisations.Organisation", _("所在支部"))
    category = models.CharField(_("分类"), max_length=1)
    scheme_code = models.CharField(_("方案版本"), max_length=32)
    base = models.DecimalField(_("基础分"), **SCORE)
    bonus_raw = models.DecimalField(_("加分合计（封顶前）"), **SCORE)
    bonus = models.DecimalField(_("计入加分"), **SCORE)
    deduction = models.DecimalField(_("扣分"), **SCORE)
    score = models.DecimalField(_("先锋指数"), **SCORE)
    grade = models.CharField(_("等次"), max_length=16, choices=Grade.choices)
    follow_up = models.BooleanField(_("需帮教"), default=False)
    follow_up_action = models.CharField(_("处置措施"), max_length=200, blank=True)
    rank_branch = models.PositiveIntegerField(_("支部排名"))
    branch_size = models.PositiveIntegerField(_("支部参评人数"))
    rank_town = models.PositiveIntegerField(_("全镇排名"))
    town_size = models.PositiveIntegerField(_("全镇参评人数"))
    explanation: models.JSONField[Any] = models.JSONField(_("计分说明"), default=list)
    family_points = models.DecimalField(_("好家风计分"), default=Decimal(0), **SCORE)

    class Meta:
        verbose_name = _("先锋指数结果")
        ordering = ["round", "rank_town", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "member"], name="vanguard_result_unique"),
            models.CheckConstraint(condition=Q(score__gte=0), name="vanguard_result_score_gte_0"),
            models.CheckConstraint(
                condition=Q(rank_branch__gte=1, rank_town__gte=1), name="vanguard_result_rank_gte_1"
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(member)s %(year)s年 %(score)s分") % {
            "member": self.member,
            "year": self.round.year,
            "score": self.score,
        }


class Objection(AreaScoped):
    """A member's objection to their result during 公示: the branch answers, the town decides."""

    class Status(models.TextChoices):
        RAISED = "raised", _("待支部答复")
        ANSWERED = "answered", _("待镇街裁定")
        UPHELD = "upheld", _("异议成立")
        REJECTED = "rejected", _("异议不成立")

    OPEN = ("raised", "answered")

    result = Ref(Result, _("结果"), related_name="objections")
    raised_by = Ref(settings.AUTH_USER_MODEL, _("提出人"))
    reason = models.CharField(_("异议理由"), max_length=500)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices)
    answer = models.CharField(_("支部答复"), max_length=500, blank=True)
    answered_by = Ref(settings.AUTH_USER_MODEL, _("答复人"), null=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    decision_note = models.CharField(_("裁定意见"), max_length=500, blank=True)
    decided_by = Ref(settings.AUTH_USER_MODEL, _("裁定人"), null=True)
    decided_at = models.DateTimeField(_("裁定时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("先锋指数异议")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["result"],
                condition=Q(status__in=["raised", "answered"]),
                name="vanguard_objection_one_open",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="vanguard_objection_has_reason"),
            models.CheckConstraint(
                condition=Q(status="raised") | ~Q(answer=""), name="vanguard_objection_answered"
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(member)s的异议") % {"member": self.result.member}

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN
