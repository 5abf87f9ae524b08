"""Fill 临安区 with the deterministic demo data (organisations, members, households, profiles,
projects and one login per role).

    python manage.py load_demo                  # scale 1.0: about 20,000 party members
    python manage.py load_demo --scale 0.1 --seed 7
    python manage.py load_demo --if-empty       # for start-up scripts: skip when data exists
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings

from xingcun.core import audit
from xingcun.core.divisions import DivisionError
from xingcun.demo import generator


class Command(BaseCommand):
    help = "生成临安区演示数据（党组织、党员、农户、村情档案、项目和各角色演示账号）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", type=float, default=1.0, help="数量倍数，1.0 约为 2 万名党员（默认 1.0）"
        )
        parser.add_argument("--seed", type=int, default=20201231, help="随机种子（默认 20201231）")
        parser.add_argument(
            "--if-empty", action="store_true", help="区内已有党组织数据时不做任何事"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and generator.county_has_data():
            self.stdout.write("临安区已有党组织数据，未生成演示数据。")
            return
        started = time.perf_counter()
        last = started

        def progress(stage: str, counts: Mapping[str, int]) -> None:
            nonlocal last
            now = time.perf_counter()
            made = "，".join(f"{name} {n}" for name, n in counts.items())
            self.stdout.write(
                f"[{now - started:6.1f} 秒] {stage}：{made or '无'}（用时 {now - last:.1f} 秒）"
            )
            self.stdout.flush()
            last = now

        self.stdout.write(
            f"正在生成演示数据（规模 {options['scale']:g}，种子 {options['seed']}），"
            "每完成一步显示一行……"
        )
        self.stdout.flush()
        try:
            # With DEBUG on, Django keeps the SQL of every query with its parameters quoted (for
            # connection.queries): for a few hundred thousand rows that is a third of the time and
            # most of the memory, and nobody reads it here.
            with audit.via("command"), override_settings(DEBUG=False):
                result = generator.generate(
                    scale=options["scale"], seed=options["seed"], progress=progress
                )
        except (generator.DemoError, DivisionError) as e:
            raise CommandError(str(e)) from e
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"已生成{result.county.name}演示数据（规模 {options['scale']:g}，"
            f"种子 {options['seed']}），用时 {seconds:.1f} 秒：\n"
            f"  镇街 {result.towns} 个，村社 {result.villages} 个\n"
            f"  党组织 {result.organisations} 个（村级党组织 {result.village_organisations} 个，"
            f"党小组 {result.party_groups} 个，功能型/临时党组织 {result.auxiliary_organisations} 个）\n"
            f"  人员 {result.persons} 人，党员 {result.members} 名，"
            f"功能型/临时党组织成员 {result.branch_memberships} 人次\n"
            f"  农户 {result.households} 户，村情年度档案 {result.profiles} 份，"
            f"投资项目 {result.projects} 个，演示账号 {result.users} 个\n"
            + "".join(
                f"  {label}：{'，'.join(f'{name} {n}' for name, n in counts.items())}\n"
                for label, counts in result.extras.items()
            )
            + "运行 python manage.py demo_logins 查看演示账号。"
        )
