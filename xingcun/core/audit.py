"""The audit log: every create, update and delete goes through `log()`.

The path of a write (page, import, command, admin) comes from a context variable that the entry
point sets once: the request middleware leaves the default "page", the import framework, commands
and the admin set their own with `via(...)`.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from xingcun.core.models import Area, AuditEntry, AuditTarget

_via: contextvars.ContextVar[str] = contextvars.ContextVar("audit_via", default="page")


@contextmanager
def _holding(var: contextvars.ContextVar[Any], value: Any) -> Iterator[None]:
    token = var.set(value)
    try:
        yield
    finally:
        var.reset(token)


def via(path: str) -> AbstractContextManager[None]:
    return _holding(_via, path)


def current_via() -> str:
    return _via.get()


_actor: contextvars.ContextVar[Any] = contextvars.ContextVar("audit_actor", default=None)


def acting(user: Any) -> AbstractContextManager[None]:
    """Who is acting in this context (a request's user), for audit entries written by hooks that
    are not handed the user (model signals of accounts and permissions)."""
    return _holding(_actor, user)


def current_actor() -> Any:
    return _actor.get()


def plain(value: Any) -> Any:
    """A JSON-safe, human-readable form of a field value."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [plain(v) for v in value]
    if hasattr(value, "name"):  # files
        return str(value.name)
    return str(value)


def snapshot(obj: models.Model | None) -> dict[str, Any]:
    """Field values of a row, for diffing before and after a change (none for no row)."""
    data: dict[str, Any] = {}
    if obj is None:
        return data
    for field in obj._meta.concrete_fields:
        if field.name in {"created_at", "updated_at", "id"}:
            continue
        value = getattr(obj, field.attname)
        if field.is_relation:
            data[field.name] = value
        elif isinstance(field, models.DecimalField) and value is not None:
            # Compare 42.5 and 42.50 as equal: quantize to the column's scale first.
            data[field.name] = str(
                Decimal(value).quantize(Decimal(1).scaleb(-field.decimal_places))
            )
        else:
            data[field.name] = plain(getattr(obj, field.attname))
    if obj.pk:
        for m2m in obj._meta.many_to_many:
            data[m2m.name] = sorted(getattr(obj, m2m.name).values_list("pk", flat=True))
    return data


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def area_of(obj: models.Model | None) -> Area | None:
    if obj is None:
        return None
    if isinstance(obj, Area):
        return obj
    area_id = getattr(obj, "area_id", None)
    return Area.tree.filter(pk=area_id).first() if area_id else None


def log(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    changes: dict[str, Any] | None = None,
    area: Area | None = None,
    via_path: str | None = None,
) -> AuditEntry:
    user = (
        actor if getattr(actor, "pk", None) and getattr(actor, "is_authenticated", False) else None
    )
    entry = AuditEntry(
        actor=user,
        actor_name=str(actor) if actor is not None else "system",
        action=action,
        via=via_path or current_via(),
        area=area or area_of(obj),
        model=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        changes=changes or {},
    )
    entry.save()
    return entry


def log_change(*, actor: Any, action: str, obj: models.Model, before: dict[str, Any]) -> AuditEntry:
    """Log the write to `obj` as the difference from `before`, its `snapshot()` taken first ({} for
    a row the write created)."""
    return log(actor=actor, action=action, obj=obj, changes=diff(before, snapshot(obj)))


def link(entry: AuditEntry, objs: list[models.Model]) -> None:
    """Attach the records that one entry (an import) touched, so each record's page shows it."""
    AuditTarget.objects.bulk_create(
        AuditTarget(entry=entry, model=o._meta.label_lower, object_id=str(o.pk)) for o in objs
    )


def history(obj: models.Model) -> models.QuerySet[AuditEntry]:
    """Audit entries of one record, including imports that touched it."""
    label, pk = obj._meta.label_lower, str(obj.pk)
    return (
        AuditEntry.objects.filter(
            models.Q(model=label, object_id=pk)
            | models.Q(targets__model=label, targets__object_id=pk)
        )
        .distinct()
        .select_related("actor")
    )


# --- action names shown to people ------------------------------------------------------------------

_labels: dict[str, StrOrPromise] = {}

# Generic verbs of the dotted past-tense codes (`<noun>.<verb>`); apps name their own actions.
VERBS: dict[str, StrOrPromise] = {
    "created": gettext_lazy("新建"),
    "updated": gettext_lazy("修改"),
    "deleted": gettext_lazy("删除"),
    "imported": gettext_lazy("导入"),
    "submitted": gettext_lazy("提交"),
    "verified": gettext_lazy("核实"),
    "published": gettext_lazy("发布"),
    "claimed": gettext_lazy("认领"),
    "delivered": gettext_lazy("交付"),
    "fulfilled": gettext_lazy("实现"),
    "released": gettext_lazy("放弃"),
    "returned": gettext_lazy("退回"),
    "withdrawn": gettext_lazy("撤回"),
    "recorded": gettext_lazy("登记"),
    "confirmed": gettext_lazy("确认"),
    "approved": gettext_lazy("批准"),
    "accepted": gettext_lazy("接受"),
    "declined": gettext_lazy("拒绝"),
    "assigned": gettext_lazy("指派"),
    "escalated": gettext_lazy("督办"),
    "closed": gettext_lazy("结束"),
    "ended": gettext_lazy("终止"),
    "renewed": gettext_lazy("续签"),
    "copied": gettext_lazy("复制"),
    "frozen": gettext_lazy("冻结"),
    "loaded": gettext_lazy("载入"),
    "joined": gettext_lazy("加入"),
    "left": gettext_lazy("退出"),
    "linked": gettext_lazy("关联"),
    "added": gettext_lazy("添加"),
    "removed": gettext_lazy("移除"),
    "marked": gettext_lazy("评分"),
    "computed": gettext_lazy("计算"),
    "solved": gettext_lazy("求解"),
    "publicised": gettext_lazy("公示"),
    "finalised": gettext_lazy("定稿"),
    "corrected": gettext_lazy("更正"),
    "raised": gettext_lazy("提出"),
    "answered": gettext_lazy("答复"),
    "upheld": gettext_lazy("采纳"),
    "self_scored": gettext_lazy("自评"),
    "town_scored": gettext_lazy("镇街评分"),
    "star_set": gettext_lazy("设定星级"),
    "evidence_added": gettext_lazy("添加佐证"),
    "activity_logged": gettext_lazy("记录活动"),
}


def register_labels(labels: Mapping[str, StrOrPromise]) -> None:
    """An app names its own actions in Chinese (called from its AppConfig.ready)."""
    _labels.update(labels)


@functools.lru_cache(maxsize=512)
def _noun(code_noun: str, model_label: str) -> str:
    from django.apps import apps

    from xingcun.core import registry

    candidates: list[str] = []
    if model_label:
        candidates.append(model_label)
    try:
        return str(registry.get(code_noun).title)
    except KeyError:
        pass
    for label in candidates:
        try:
            return str(apps.get_model(label)._meta.verbose_name)
        except (LookupError, ValueError):
            pass
    wanted = {code_noun, code_noun.replace("_", ""), code_noun.removesuffix("s")}
    wanted |= {code_noun.removesuffix("es"), code_noun.rsplit("_", 1)[-1]}
    models_ = apps.get_models()
    for model in models_:
        if model._meta.model_name in wanted:
            return str(model._meta.verbose_name)
    for model in models_:  # "order" → ServiceOrder
        if any((model._meta.model_name or "").endswith(w) for w in wanted if len(w) > 3):
            return str(model._meta.verbose_name)
    head = code_noun.split("_", 1)[0]
    for config in apps.get_app_configs():  # "vanguard_event" → the vanguard app's name
        if config.label in {code_noun, head}:
            return str(config.verbose_name)
    return code_noun


def action_label(action: str, model_label: str = "") -> str:
    """The Chinese name of an audit action: the app's own label, else "<对象>：<动作>" derived from
    the record's model and a generic verb, else the code itself."""
    if action in _labels:
        return str(_labels[action])
    noun, _, verb = action.partition(".")
    if not verb:
        return action
    return f"{_noun(noun, model_label)}：{VERBS.get(verb, verb)}"


def action_choices(actions: list[str]) -> list[tuple[str, str]]:
    return sorted(((a, action_label(a)) for a in set(actions)), key=lambda c: c[1])
