"""Demo data of honours, model cases, media reports and model villages.

The places the district report tells about get their stories: 板桥镇上田村 (好家风, national and
provincial titles, reports in national papers), 湍口镇迎丰村 (a string of titles, and villagers'
per-capita income more than doubled against 2012: the demo adds the 2012 profile the comparison
needs), 昌化镇白牛村 (the 淘宝村). Other villages, organisations and members get plausible titles
of every level. Titles of real places are public facts; the people are the demo's synthetic ones."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from xingcun.core.models import Area
from xingcun.honours.models import Honour, Level, MediaReport, ModelCase, ModelVillage
from xingcun.organisations.models import Organisation
from xingcun.people.models import PartyMember
from xingcun.villages.models import VillageProfile

SHANGTIAN, YINGFENG, BAINIU = "330112115204", "330112111201", "330112108230"
N, P, M, D = Level.NATIONAL, Level.PROVINCIAL, Level.MUNICIPAL, Level.DISTRICT

NAMED_HONOURS: dict[str, tuple[tuple[str, str, int, str], ...]] = {
    SHANGTIAN: (
        ("全国民主法治示范村", N, 2014, "司法部、民政部"),
        ("浙江省文明村", P, 2017, "浙江省精神文明建设委员会"),
        ("浙江省双强百佳示范村", P, 2019, "中共浙江省委组织部"),
        ("杭州市美丽乡村精品村", M, 2016, "杭州市人民政府"),
    ),
    YINGFENG: (
        ("浙江省民主法治村", P, 2016, "浙江省司法厅、浙江省民政厅"),
        ("杭州市美丽乡村精品村", M, 2015, "杭州市人民政府"),
        ("杭州市文明村", M, 2017, "杭州市精神文明建设委员会"),
        ("临安区村落景区创建村", D, 2018, "临安区人民政府"),
        ("临安区文明村", D, 2014, "临安区精神文明建设委员会"),
        ("临安区五星级基层党组织", D, 2019, "中共临安区委"),
        ("临安区平安村", D, 2016, "临安区平安建设领导小组"),
        ("杭州市卫生村", M, 2013, "杭州市爱国卫生运动委员会"),
    ),
    BAINIU: (
        ("中国淘宝村", N, 2015, "阿里研究院"),
        ("浙江省电子商务示范村", P, 2016, "浙江省商务厅"),
    ),
}
VILLAGE_TITLES = (
    ("浙江省卫生村", P),
    ("杭州市美丽乡村特色村", M),
    ("杭州市文明村", M),
    ("临安区文明村", D),
    ("临安区平安村", D),
    ("临安区美丽乡村精品村", D),
    ("浙江省善治示范村", P),
    ("浙江省3A级景区村庄", P),
)
PERSON_TITLES = (("临安区优秀共产党员", D), ("杭州市优秀共产党员", M), ("浙江省优秀共产党员", P))
ORG_TITLES = (("临安区先进基层党组织", D), ("杭州市先进基层党组织", M))
OUTLETS = (
    ("人民日报", N),
    ("光明日报", N),
    ("浙江日报", P),
    ("杭州日报", M),
    ("今日临安", D),
)


def _area(code: str) -> Area | None:
    return Area.tree.filter(code=code).first()


def generate(*, county: Area, rng: random.Random, scale: float) -> dict[str, int]:
    villages = list(
        Area.tree.filter(path__startswith=county.path, level=Area.Level.VILLAGE).order_by("code")
    )
    honours: list[Honour] = []
    for code, titles in NAMED_HONOURS.items():
        place = _area(code)
        if place is None:
            continue
        for title, level, year, by in titles:
            honours.append(
                Honour(area=place, title=title, level=level, year=year, awarded_by=by,
                       recipient=Honour.Recipient.VILLAGE)
            )  # fmt: skip
    for village in rng.sample(villages, min(len(villages), max(3, len(villages) // 3))):
        if village.code in NAMED_HONOURS:
            continue
        for title, level in rng.sample(VILLAGE_TITLES, rng.randint(1, 3)):
            honours.append(
                Honour(area=village, title=title, level=level, year=rng.randint(2012, 2020),
                       recipient=Honour.Recipient.VILLAGE)
            )  # fmt: skip
    members = list(
        PartyMember.objects.filter(area__path__startswith=county.path)
        .select_related("person", "area")
        .order_by("pk")
    )
    for member in rng.sample(members, min(len(members), max(3, round(120 * scale)))):
        title, level = rng.choices(PERSON_TITLES, weights=(8, 3, 1))[0]
        honours.append(
            Honour(area=member.area, title=title, level=level, year=rng.randint(2016, 2020),
                   recipient=Honour.Recipient.PERSON, person=member.person)
        )  # fmt: skip
    organisations = list(
        Organisation.objects.filter(
            area__path__startswith=county.path,
            area__level=Area.Level.VILLAGE,
            category=Organisation.Category.REGULAR,
        )
        .exclude(kind=Organisation.Kind.GROUP)
        .order_by("code")
    )
    for org in rng.sample(organisations, min(len(organisations), max(2, len(organisations) // 10))):
        title, level = rng.choice(ORG_TITLES)
        honours.append(
            Honour(area=org.area, title=title, level=level, year=rng.randint(2017, 2020),
                   recipient=Honour.Recipient.ORGANISATION, organisation=org)
        )  # fmt: skip
    Honour.objects.bulk_create(honours, batch_size=1000)

    cases = _cases(rng, villages, members)
    reports = _reports(rng, villages, cases)
    model_villages = _model_villages(rng, villages)
    return {
        "honours": len(honours),
        "model_cases": len(cases),
        "media_reports": reports,
        "model_villages": model_villages,
    }


def _cases(rng: random.Random, villages: list[Area], members: list[PartyMember]) -> list[ModelCase]:
    cases: list[ModelCase] = []
    shangtian, yingfeng, bainiu = _area(SHANGTIAN), _area(YINGFENG), _area(BAINIU)
    if shangtian is not None:
        cases.append(
            ModelCase(
                area=shangtian,
                title="上田村：立家训传家风，以家风带民风",
                kind=ModelCase.Kind.VILLAGE,
                year=2019,
                summary="村党组织组织党员带头立家训，每年举办好家风家庭褒奖礼，推动自治、法治、德治融合。",
                text=(
                    "村党组织把好家风建设作为党员联系群众的抓手：党员家庭率先立家训、写家规，"
                    "每年评选好家风家庭并举行褒奖礼；村规民约、法律服务和道德评议一起用，"
                    "邻里纠纷在村里就能化解。"
                ),
            )
        )
    if yingfeng is not None:
        heads = [m for m in members if m.area_id == yingfeng.pk and m.holds_office]
        person = heads[0].person if heads else None
        cases.append(
            ModelCase(
                area=yingfeng,
                title="迎丰村原村主任：把群众的小事当作大事",
                kind=ModelCase.Kind.PERSON if person else ModelCase.Kind.VILLAGE,
                person=person,
                year=2019,
                summary="带病坚持工作，带领村里建成文化礼堂、养老驿站和非遗传承馆等民心工程。",
                text="他坚持有诺必践，把群众反映的事一件件办成；在他的带动下，村民收入比2012年翻了一番。",
            )
        )
    if bainiu is not None:
        cases.append(
            ModelCase(
                area=bainiu,
                title="白牛村：淘宝党支部引领电商富民",
                kind=ModelCase.Kind.ORGANISATION,
                year=2018,
                summary="在淘宝村成立淘宝党支部和特色党小组，形成“村党支部+电商协会+合作组织”模式。",
            )
        )
    for village in rng.sample(villages, min(len(villages), 8)):
        if village.code in (SHANGTIAN, YINGFENG, BAINIU):
            continue
        cases.append(
            ModelCase(
                area=village,
                title=f"{village.display_name}：党员带头发展特色产业",
                kind=ModelCase.Kind.VILLAGE,
                year=rng.randint(2017, 2020),
                summary="党员示范户带动农户发展山核桃、竹笋和民宿等产业，集体和农户同步增收。",
            )
        )
    ModelCase.objects.bulk_create(cases)
    return cases


def _reports(rng: random.Random, villages: list[Area], cases: list[ModelCase]) -> int:
    rows: list[MediaReport] = []
    shangtian = next((c for c in cases if c.area.code == SHANGTIAN), None)
    if shangtian is not None:
        rows += [
            MediaReport(area=shangtian.area, outlet="人民日报", level=N, date=dt.date(2019, 7, 12),
                        title="好家风涵养好村风", case=shangtian),
            MediaReport(area=shangtian.area, outlet="光明日报", level=N, date=dt.date(2019, 10, 8),
                        title="一个山村的家训故事", case=shangtian),
            MediaReport(area=shangtian.area, outlet="浙江日报", level=P, date=dt.date(2018, 5, 20),
                        title="上田村：三治融合的乡村治理路子", case=shangtian),
        ]  # fmt: skip
    for case in cases:
        if case.area.code == SHANGTIAN:
            continue
        for _ in range(rng.randint(1, 2)):
            outlet, level = rng.choices(OUTLETS, weights=(1, 1, 3, 4, 6))[0]
            rows.append(
                MediaReport(area=case.area, outlet=outlet, level=level,
                            date=dt.date(case.year, rng.randint(1, 12), rng.randint(1, 28)),
                            title=case.title.split("：")[-1], case=case)
            )  # fmt: skip
    MediaReport.objects.bulk_create(rows)
    return len(rows)


def _model_villages(rng: random.Random, villages: list[Area]) -> int:
    """迎丰村 compared with 2012 (a profile for 2012 is added: the demo's profiles start later);
    上田村 and a few others with the first profile year."""
    rows: list[ModelVillage] = []
    first = {
        p.area_id: p
        for p in VillageProfile.objects.filter(area__in=villages).order_by("area_id", "-year")
    }  # the earliest profile of each village (later years overwritten by earlier ones)
    yingfeng = _area(YINGFENG)
    if yingfeng is not None and yingfeng.pk in first:
        profiles = VillageProfile.objects.filter(area=yingfeng).order_by("year")
        latest = profiles.last()
        earliest = profiles.first()
        if latest is not None and earliest is not None and earliest.year > 2012:
            VillageProfile.objects.create(
                area=yingfeng,
                year=2012,
                population=earliest.population,
                households=earliest.households,
                per_capita_income=(latest.per_capita_income / Decimal("2.15")).quantize(
                    Decimal("0.01")
                ),
                operating_income=earliest.operating_income * Decimal("0.5"),
                contract_income=earliest.contract_income * Decimal("0.5"),
                investment_income=Decimal(0),
                subsidy_income=earliest.subsidy_income,
                other_income=earliest.other_income,
                debt=earliest.debt,
                industries=earliest.industries,
            )
        rows.append(
            ModelVillage(
                area=yingfeng, title="杭州市美丽乡村精品村", since_year=2015, base_year=2012
            )
        )
    others = [v for v in villages if v.pk in first and v.code not in (YINGFENG, SHANGTIAN)]
    chosen = [v for v in villages if v.pk in first and v.code == SHANGTIAN]
    chosen += rng.sample(others, min(len(others), 5))
    rows.extend(
        ModelVillage(
            area=village, title="乡村振兴示范村", since_year=2018, base_year=first[village.pk].year
        )
        for village in chosen
    )
    ModelVillage.objects.bulk_create(rows)
    return len(rows)
