from __future__ import annotations

from typing import Any

from xingcun.core import permissions as perms
from xingcun.core import registry as r
from xingcun.universities import forms
from xingcun.universities.models import Dispatch, Programme, University


def university_by_name(name: str) -> University | None:
    return University.objects.filter(name=name).first()


def programme_by_name(name: str) -> Any:
    from xingcun.core.scoping import scope_area

    area = scope_area()
    qs = forms.programmes_for(area) if area is not None else Programme.objects.all()
    return qs.filter(name=name).first()


UNIVERSITIES = r.register(
    r.Registry(
        key="universities",
        model=University,
        title="合作高校",
        section="resources",
        columns=[
            r.AreaColumn("区划代码", "area", required=True, levels=frozenset({3})),
            r.TextColumn("高校名称", "name", required=True, max_length=64),
        ],
        natural_key=("name",),
        form_class=forms.UniversityForm,
        perm_view=perms.UNIVERSITY_VIEW,
        perm_edit=perms.UNIVERSITY_EDIT,
        perm_delete=perms.UNIVERSITY_DELETE,
        list_columns=[r.ListColumn("高校", lambda x: x.name, link=True)],
        search_fields=("name",),
        ordering=("name",),
    )
)

PROGRAMMES = r.register(
    r.Registry(
        key="programmes",
        model=Programme,
        title="校地合作活动",
        section="resources",
        columns=[
            r.AreaColumn("区划代码", "area", required=True, levels=frozenset({3})),
            r.RefColumn(
                "高校",
                "university",
                required=True,
                lookup=university_by_name,
                key_of=lambda u: u.name,
                what="高校",
            ),
            r.TextColumn("活动名称", "name", required=True, max_length=64),
            r.IntColumn("起始年度", "start_year", required=True, minimum=2000),
            r.IntColumn("截止年度", "end_year", minimum=2000),
            r.IntColumn("目标科技特派员(名)", "target_commissioners"),
            r.IntColumn("目标专家(名)", "target_experts"),
            r.IntColumn("目标大学生(名)", "target_students"),
        ],
        natural_key=("university", "name"),
        form_class=forms.ProgrammeForm,
        perm_view=perms.UNIVERSITY_VIEW,
        perm_edit=perms.UNIVERSITY_EDIT,
        perm_delete=perms.UNIVERSITY_DELETE,
        list_columns=[
            r.ListColumn("活动", lambda x: x.name, link=True),
            r.ListColumn("高校", lambda x: x.university.name),
            r.ListColumn("起始年度", lambda x: x.start_year),
        ],
        select_related=("area", "university"),
        ordering=("-start_year",),
    )
)

DISPATCHES = r.register(
    r.Registry(
        key="dispatches",
        model=Dispatch,
        title="科技进乡村选派记录",
        section="resources",
        columns=[
            r.RefColumn(
                "活动名称",
                "programme",
                required=True,
                lookup=programme_by_name,
                key_of=lambda p: p.name,
                what="校地合作活动",
            ),
            r.AreaColumn("派驻村代码", "area", required=True),
            r.ChoiceColumn("人员类别", "kind", required=True, choices=Dispatch.Kind.choices),
            r.TextColumn("姓名或团队", "name", required=True, max_length=64),
            r.IntColumn("人数", "headcount", required=True, minimum=1),
            r.DateColumn("开始日期", "started_on", required=True),
            r.DateColumn("结束日期", "ended_on", not_future=False),
            r.TextColumn("工作内容", "work_done"),
        ],
        natural_key=("programme", "area", "kind", "name", "started_on"),
        form_class=forms.DispatchForm,
        perm_view=perms.UNIVERSITY_VIEW,
        perm_edit=perms.UNIVERSITY_EDIT,
        perm_delete=perms.UNIVERSITY_DELETE,
        list_columns=[
            r.ListColumn("姓名或团队", lambda x: x.name, link=True),
            r.ListColumn("类别", lambda x: x.get_kind_display()),
            r.ListColumn("人数", lambda x: x.headcount),
            r.ListColumn("派驻村", lambda x: x.area.display_name),
            r.ListColumn("开始日期", lambda x: x.started_on),
        ],
        search_fields=("name",),
        kind_field="kind",
        select_related=("area", "programme"),
        ordering=("-started_on",),
    )
)
