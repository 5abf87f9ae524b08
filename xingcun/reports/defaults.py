"""The default report templates, one per level: a district report speaks of its towns and villages,
a town report of its villages, a village report of the village, its organisations and its people.

Every number is a tag, and every sentence with a figure sits inside a condition
(`{{如果:…}}…{{结束}}`), so that a zero or an empty figure is never stated as an achievement: the
sentence, or the clause, is simply not said. The closing parts (问题与不足, 下一步打算) are the
district's own words; it edits them, with figures as tags, in the template editor.

`services.template_create_defaults` (an explicit action, also run by a data migration and by the
demo) saves these as templates; until then a report is rendered from them without saving anything.
A sentence whose indicators are not registered is left out when the template is saved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from xingcun.core.models import Area
from xingcun.reports import tags

YEAR = 2020
TITLE = "{{区划}}{{期间}}党建引领乡村振兴工作报告"
NAME = {
    Area.Level.COUNTY: "区级年度报告（默认模板）",
    Area.Level.TOWN: "镇级年度报告（默认模板）",
    Area.Level.VILLAGE: "村级年度报告（默认模板）",
}
ISSUER = {
    Area.Level.COUNTY: "中共{{区划}}委组织部",
    Area.Level.TOWN: "{{党组织}}",
    Area.Level.VILLAGE: "{{党组织}}",
}


def when(condition: str, text: str) -> str:
    """`text` only when `condition` holds (see `tags`)."""
    return f"{{{{如果:{condition}}}}}{text}{{{{结束}}}}"


def fig(code: str, **options: str) -> str:
    extra = "".join(f"|{key}={value}" for key, value in options.items())
    return f"{{{{指标:{code}{extra}}}}}"


def num(code: str) -> str:
    return fig(code, 显示="数值")


def said(
    code: str,
    before: str,
    *after: str,
    value: Callable[[str], str] = fig,
    condition: str = "",
) -> str:
    """`before`, the figure of `code`, then `after` (text or nested clauses), said only when that
    figure holds, or when `condition` does where the sentence needs another test."""
    return when(condition or code, before + value(code) + "".join(after))


@dataclass(frozen=True)
class SectionSpec:
    level: int
    heading: str
    paragraphs: tuple[tuple[str, ...], ...]  # paragraphs of sentences
    area_code: str = ""

    def body(self, known: set[str]) -> str:
        lines = ["".join(s for s in paragraph if _known(s, known)) for paragraph in self.paragraphs]
        return "\n".join(line for line in lines if line)


def _known(sentence: str, known: set[str]) -> bool:
    pieces, _ = tags.parse(sentence)
    codes: set[str] = set()
    for piece in pieces:
        if not isinstance(piece, str):
            codes |= tags.codes_of(piece)
    return codes <= known


@dataclass(frozen=True)
class TemplateSpec:
    level: int
    sections: tuple[SectionSpec, ...]
    title: str = TITLE

    @property
    def name(self) -> str:
        return NAME[Area.Level(self.level)]

    @property
    def issuer(self) -> str:
        return ISSUER[Area.Level(self.level)]

    def section_rows(self, known: Iterable[str]) -> list[dict[str, Any]]:
        codes = set(known)
        return [
            {
                "level": s.level,
                "heading": s.heading,
                "body": s.body(codes),
                "area_code": s.area_code,
            }
            for s in self.sections
        ]


def S(level: int, heading: str, *paragraphs: tuple[str, ...] | str, area: str = "") -> SectionSpec:  # noqa: N802
    paras = tuple((p,) if isinstance(p, str) else p for p in paragraphs)
    return SectionSpec(level, heading, paras, area)


# --- sentences shared by the levels ------------------------------------------------------------

ALLIANCE_INCOME = said(
    "alliances.member_income_increase",
    "{{期间}}，联盟成员村村民可支配收入总额比加入联盟前一年增加",
    "。",
    condition="alliances.member_income_increase>0",
)
PROJECTS = said(
    "projects.landed",
    "{{全域}}累计落地投资项目",
    said("projects.investment", "，总投资"),
    said(
        "alliances.projects_landed",
        "，其中依托党建联盟落地",
        said("alliances.investment", "、总投资"),
    ),
    "。",
)
PAIRING = said(
    "pairing.formed",
    "{{全域}}累计结成共建伙伴",
    "对",
    said("pairing.active", "，{{期间}}处于结对期的有", "对", value=num),
    "。",
    value=num,
) + said(
    "pairing.compliance_rate",
    "“双整”达标村占比达到",
    said("pairing.compliance_target", "（年度目标", "）"),
    said(
        "pairing.demonstration_share",
        "，示范村占比达到",
        said("pairing.demonstration_target", "（年度目标", "）"),
    ),
    "。",
)
ECOMMERCE = said(
    "ecommerce.shops",
    "{{截至}}，{{全域}}农村网店达到",
    said("ecommerce.sales", "，{{期间}}网络零售额"),
    said(
        "ecommerce.coverage",
        "，开展农村电商的行政村占",
        condition="ecommerce.coverage 且 非层级=村",
    ),
    said("ecommerce.taobao_villages", "，培育淘宝村", said("ecommerce.taobao_towns", "、淘宝镇")),
    said(
        "ecommerce.replications",
        "，“村党支部+电商协会+合作组织”的做法已推广到外地",
        "个地区",
        value=num,
    ),
    "。",
)
NEWFARMER = said(
    "newfarmer.members",
    "在“两进两回”中组建的新农人党组织吸收返乡创业党员",
    said("newfarmer.projects", "，帮助落地创业项目", said("newfarmer.investment", "，总投资")),
    "。",
)
POSTS = said(
    "posts.set_up",
    "{{截至}}，{{全域}}累计设立党员先锋岗位",
    said("posts.members_assigned", "，定岗党员"),
    said("posts.demonstration_households", "，结对扶持示范户"),
    said("posts.low_income_households", "，帮扶低收入(贫困)户"),
    "。",
)
COMPETITIONS = said(
    "competitions.temporary_branches",
    "把青年党员和新领域党员组织起来，建立临时党支部",
    said("competitions.temporary_groups", "，下设党小组"),
    said("competitions.entries", "，{{期间}}党小组比拼登记完成事项"),
    "。",
)
RATINGS = said(
    "ratings.rated",
    "{{期间}}，{{全域}}有",
    "基层党组织参加星级评定",
    said("ratings.five_star", "，评出五星级", said("ratings.four_star", "、四星级")),
    said("ratings.raised", "，与上年相比升星", said("ratings.lowered", "、降星")),
    said("ratings.family_score", "，好家风维度平均得分"),
    "。",
)
VANGUARD = (
    said(
        "vanguard.rated",
        "农村党员先锋指数考评中，",
        "党员确定了考评结果",
        said("vanguard.average_score", "，平均得分"),
        said("vanguard.excellent", "，评为优秀的", "、占" + fig("vanguard.excellent_share")),
        "。",
    )
    + said(
        "vanguard.family_events",
        "全年登记好家风加分事件",
        said("vanguard.family_members", "，涉及党员"),
        "。",
    )
    + said("vanguard.follow_up", "对得分低于帮教线的", "党员，由所在支部逐一谈心帮教。")
)
WISHES = said(
    "wishes.submitted",
    "{{期间}}，{{全域}}收集群众微心愿",
    said("wishes.claimed", "，党员和党组织认领"),
    said("wishes.fulfilled", "，已实现", said("wishes.average_days", "，平均用时")),
    "。",
)
VISITS = said(
    "visits.count",
    "干部走亲连心走访",
    said(
        "visits.issues_raised",
        "，收集群众反映的问题",
        said("visits.issues_resolved", "，已解决"),
    ),
    "。",
)
HONOURS = said(
    "honours.total",
    "{{全域}}累计获得各级荣誉称号",
    said("honours.national", "，其中国家级"),
    said("honours.cases", "；选树典型案例"),
    said("honours.media", "，相关做法被各级媒体报道"),
    "。",
)
TEAMS = said(
    "orders.teams",
    "组建产业发展、乡村建设、乡风文明、乡村治理、强村富民、改革助力等",
    "支人才服务队，由村里点单、专家接单，把服务送到田间地头。",
    value=num,
)
SERVICES = said(
    "orders.services",
    "{{期间}}，人才服务队完成点单服务",
    said(
        "orders.villages_served",
        "，覆盖村(社区)",
        condition="orders.villages_served 且 非层级=村",
    ),
    said("orders.beneficiaries", "，受益"),
    said("orders.chief_services", "，其中首席农技专家服务"),
    "。",
) + said("orders.problems_solved", "{{截至}}，累计解决农技问题", "。")
FEATURED_PROJECT = said(
    "orders.featured_yield",
    "首席农技专家主持的{{示范项目}}，{{期间}}亩产达到",
    "公斤",
    said("orders.featured_output", "，产值"),
    said("orders.featured_income_increase", "，带动农户增收"),
    "。",
    value=num,
)
MEASURES = when(
    "设置:举措起始年",
    "{{设置:举措起始年}}起，先后出台“富村十条”“化债九法”等帮扶举措，深化第一书记选派帮扶制度，"
    "推动薄弱村消薄增收。",
)
SECRETARIES = said(
    "secretaries.posted",
    "{{截至}}，{{全域}}在岗第一书记",
    said(
        "secretaries.projects_recent",
        "，近三年共协调引进项目",
        said("secretaries.funds_recent", "，争取项目资金"),
    ),
    "。",
)
COHORT = said(
    "secretaries.weak_cohort",
    "消薄计划认定的",
    "薄弱村中",
    said("secretaries.weak_left_first_year", "，第一年即有", "实现消薄"),
    said("secretaries.weak_removed", "，累计摘帽"),
    "{{如果:secretaries.weak_remaining}}，尚有"
    + fig("secretaries.weak_remaining")
    + "未摘帽{{否则如果:secretaries.last_exit_year}}，至"
    + fig("secretaries.last_exit_year")
    + "已全部摘帽{{结束}}",
    when(
        "secretaries.cohort_avg_debt_before 且 secretaries.cohort_avg_debt_now",
        "；村均债务由认定时的"
        + fig("secretaries.cohort_avg_debt_before")
        + "变为"
        + fig("secretaries.cohort_avg_debt_now"),
    ),
    "。",
)
COLLECTIVE = said(
    "villages.collective_income",
    "{{期间}}，{{全域}}村级集体经济收入",
    said(
        "villages.collective_income_growth",
        "，同比增长",
        condition="villages.collective_income_growth>0",
    ),
    said("villages.operating_income", "，其中经营性收入"),
    said("villages.per_capita_income", "；村民人均可支配收入"),
    "。",
)
FINANCE = said(
    "finance.debt_loans",
    "依托政银共建机制和专项金融产品，累计发放化债专项贷款",
    said("finance.debt_loan_amount", "、金额"),
    said("finance.cost_saved", "，为村级集体节约财务成本"),
    "。",
)
UNIVERSITIES = when(
    "universities.commissioners 且 universities.experts 且 universities.students",
    "联合高校开展科技进乡村活动，累计选派科技特派员"
    + fig("universities.commissioners")
    + "、专家"
    + fig("universities.experts")
    + "、大学生"
    + fig("universities.students")
    + "到村开展科技指导和实践锻炼。",
) + said(
    "universities.students",
    "联合高校开展科技进乡村活动，累计接收大学生",
    "到村实践锻炼。",
    condition="universities.students 且 非universities.commissioners",
)
OPERATORS = said(
    "operators.teams",
    "探索乡村市场化运营，公开招募乡村运营师团队",
    said("operators.villages_signed", "，与", "村落景区签约"),
    "。",
) + said(
    "operators.businesses",
    "{{截至}}，运营团队累计以商招商",
    said("operators.projects", "，落户项目", said("operators.investment", "，总投资")),
    said("operators.talents", "，吸引文创、电商等专业人才"),
    "。",
)
FAMILY_MEMBERS = said("vanguard.family_members", "，", "党员因家风表现获得加分")
WEAK_PROBLEM = said(
    "villages.weak",
    "，按现行标准{{全域}}尚有集体经济薄弱村",
    "、占村(社区)总数的" + fig("villages.weak_share"),
)

# --- the district ------------------------------------------------------------------------------

DISTRICT = TemplateSpec(
    Area.Level.COUNTY,
    (
        S(
            0,
            "",
            "{{期间}}，{{区划}}坚持把抓党建促乡村振兴作为基层党建的主线，围绕组织有力、队伍过硬、"
            "支撑坚实的目标，把党的组织优势转化为推动产业发展、改善乡村治理、促进农民增收的"
            "实际成效。现将有关情况报告如下。",
            (
                said(
                    "villages.count",
                    "{{全域}}共有村(社区)",
                    said("party.organisations", "、村级党组织"),
                    said(
                        "party.members",
                        "，{{截至}}在册党员",
                        said("party.members_without_office", "，其中无职党员"),
                    ),
                    "。",
                ),
            ),
        ),
        S(
            1,
            "强化组织引领，夯实乡村振兴的组织基础",
            "坚持以提升组织力为重点，优化基层组织设置和运行方式，推动组织优势转化为发展优势。",
        ),
        S(
            2,
            "组建党建联盟，推动区域抱团发展",
            (
                "按照地域相邻、产业相近的原则，在不改变党员组织关系的前提下推动村党组织组建"
                "党建联盟，统一谋划产业、共享资源、联合招商。",
                said("alliances.count", "{{截至}}，{{全域}}已组建党建联盟", "。"),
            ),
            (PROJECTS, ALLIANCE_INCOME),
        ),
        S(
            3,
            "{{区划}}以党建联盟整合镇域资源。",
            (
                "{{区划}}以党建联盟为纽带，把项目招引与乡村旅游放在一起谋划。",
                PROJECTS,
                said(
                    "alliances.tourism_visitors",
                    "{{期间}}{{全域}}接待游客",
                    said("alliances.tourism_revenue", "，实现旅游总收入"),
                    "。",
                ),
                ALLIANCE_INCOME,
            ),
            area="330112102",
        ),
        S(
            2,
            "开展结对共建，带动后进村整体提升",
            "从综合实力较强的星级党组织中选出一批村(社区)，与软弱后进村、集体经济薄弱村结对，"
            "在电商平台搭建、市场资源对接、电商人才培养等方面传帮带，实现资源共享、优势互补。",
            (PAIRING,),
        ),
        S(
            2,
            "创新组织设置，让组织覆盖跟着产业走",
            (
                "顺应农村新产业新业态的发展，在电商、农业新业态和返乡创业群体中建立功能型、"
                "临时党组织。",
                said(
                    "party.returned_entrepreneurs",
                    "{{全域}}在册返乡创业党员",
                    "，已成为发展新产业新业态的带头人。",
                ),
            ),
            (ECOMMERCE, NEWFARMER),
        ),
        S(
            3,
            "{{区划}}让党建与电商共同成长。",
            (
                "{{区划}}依托电商产业建立电商党支部，形成“村党支部+电商协会+合作组织”的运行方式，"
                "党员在电商创业中走在前列。",
                said(
                    "party.returned_entrepreneurs",
                    "村里在册党员" + fig("party.members") + "，其中返乡创业党员",
                    "。",
                ),
                said(
                    "ecommerce.shops",
                    "{{期间}}全村经营网店",
                    said("ecommerce.sales", "，实现网络零售额"),
                    "。",
                ),
            ),
            area="330112108230",
        ),
        S(
            3,
            "{{区划}}新农人临时党支部带动返乡创业。",
            (
                "{{区划}}把返乡创业的党员组织起来建立临时党支部，党员组织关系不变，由支部牵线"
                "技术、资金和市场，帮助他们成长为专业大户、家庭农场主和农业企业骨干。",
                said(
                    "newfarmer.members",
                    "支部现有返乡创业党员",
                    said(
                        "newfarmer.projects",
                        "，已帮助落地创业项目",
                        said("newfarmer.investment", "，总投资"),
                    ),
                    "。",
                ),
            ),
            area="330112116",
        ),
        S(
            1,
            "发挥党员作用，激活乡村振兴的红色细胞",
            "引导党员在乡村振兴一线亮身份、当先锋，把责任落到具体岗位、具体群众身上。",
        ),
        S(
            2,
            "对照身份明责任",
            (
                "深化农村无职党员设岗定责，按照公开设岗、自愿选岗、审核定岗、公示上岗、"
                "年终评岗的流程，让党员服务有阵地、作用发挥有抓手。",
                POSTS,
            ),
            (COMPETITIONS,),
        ),
        S(
            3,
            "{{区划}}后浪党支部让青年党员比着干。",
            (
                "围绕现代农业园区和产业融合示范园创建，{{区划}}把机关青年党员单独组建为"
                "临时党支部，分组走访调研、论证课题、分工推进。",
                said(
                    "competitions.temporary_groups",
                    "支部下设党小组",
                    said("competitions.entries", "，{{期间}}在比拼平台登记完成事项"),
                    "，积分实时公布，小组之间你追我赶。",
                ),
            ),
            area="330112103",
        ),
        S(
            2,
            "对照家风亮底色",
            "把好家风建设纳入星级基层党组织评定和农村党员先锋指数考评，以党员家庭的好家风"
            "带动民风、村风。",
            (RATINGS, VANGUARD),
        ),
        S(
            3,
            "{{区划}}以家风带民风。",
            (
                "{{区划}}党组织把立家训、传家风作为党员联系群众的日常功课，每年为好家风家庭举行"
                "褒奖礼，探索自治、法治、德治相互支撑的村庄治理办法。",
                said(
                    "vanguard.family_events",
                    "{{期间}}，村里登记好家风加分事件",
                    FAMILY_MEMBERS,
                    "。",
                ),
                said(
                    "honours.village",
                    "该村累计获得各级荣誉称号",
                    said("honours.national", "，其中国家级"),
                    said("honours.media_national", "，做法获中央媒体报道"),
                    "。",
                ),
            ),
            area="330112115204",
        ),
        S(
            2,
            "对照标杆优服务",
            "选树乡村振兴中的先进典型，结合走亲连心三服务收集群众微心愿，由党员和党组织认领、"
            "帮助实现。",
            (WISHES, VISITS),
            (HONOURS,),
        ),
        S(
            3,
            "{{区划}}把民心工程办到群众心坎上。",
            (
                "{{区划}}的带头人把群众的小事当作村里的大事，带领村两委接连建成文化礼堂、"
                "养老驿站、非遗传承馆等民心工程，用一件件实事赢得群众信任。",
                said("honours.village", "该村累计获得各级荣誉称号", "。"),
                when(
                    "honours.model_income_index",
                    "{{期间}}，村民人均可支配收入达到"
                    + fig("honours.model_income_now")
                    + "，比较基期"
                    + fig("honours.model_base_year")
                    + "为"
                    + fig("honours.model_income_base")
                    + when("honours.model_income_index>=200", "，实现翻番")
                    + "。",
                ),
            ),
            area="330112111201",
        ),
        S(
            1,
            "借智借力，汇聚乡村振兴的各方力量",
            "统筹人才、资金、技术等各方力量向乡村下沉，补齐基层发展短板。",
        ),
        S(2, "专家服务对点到村", (TEAMS, SERVICES), (FEATURED_PROJECT,)),
        S(
            2,
            "第一书记驻村帮扶",
            ("聚焦集体经济薄弱村，把强基础、育产业、促造血作为第一书记的硬任务。", MEASURES),
            (SECRETARIES, COHORT),
            (COLLECTIVE,),
        ),
        S(
            2,
            "多方协作精准施策",
            "联动金融机构、高等院校和乡村运营团队，推进政银共建、科技进乡村和乡村市场化运营。",
            (FINANCE, UNIVERSITIES, OPERATORS),
        ),
        S(
            1,
            "存在的问题与不足",
            "对照乡村振兴的目标要求，工作中还存在一些不足。一是发展还不够均衡，部分村党组织"
            "带领群众致富的能力不强" + WEAK_PROBLEM + "。二是党员队伍结构有待优化，无职党员"
            "发挥作用的渠道还不够宽，青年党员的储备不足。三是借智借力的长效机制有待健全，"
            "人才、资金和项目下沉还不够精准。",
        ),
        S(
            1,
            "下一步工作打算",
            "一是持续深化组织振兴，推广党建联盟、结对共建等做法，推动软弱后进村、集体经济薄弱村"
            "加快转化提升。",
            "二是持续发挥党员作用，完善设岗定责和先锋指数考评，把好家风建设融入村规民约。",
            "三是持续借智借力，完善人才服务队点单、第一书记帮扶和政银共建等机制，让更多资源"
            "下沉到村、服务到户。",
        ),
    ),
)

# --- a town --------------------------------------------------------------------------------------

TOWN = TemplateSpec(
    Area.Level.TOWN,
    (
        S(
            0,
            "",
            "{{期间}}，{{区划}}党委在区委的领导下，把抓党建促乡村振兴贯穿全年工作，以组织建设"
            "带动村庄发展，以党员作用凝聚群众，以各方资源补齐短板。现将有关情况报告如下。",
            (
                said(
                    "villages.count",
                    "{{全域}}共有村(社区)",
                    said("party.organisations", "、村级党组织"),
                    said("party.members", "，{{截至}}在册党员"),
                    "。",
                ),
            ),
        ),
        S(
            1,
            "抓实组织建设，筑牢村级战斗堡垒",
            (
                "坚持以村党组织为核心，推动各村抱团发展、结对提升。",
                said("alliances.count", "{{全域}}已组建党建联盟", "。"),
                PROJECTS,
                ALLIANCE_INCOME,
            ),
            (PAIRING,),
            (ECOMMERCE, NEWFARMER),
        ),
        S(
            1,
            "发挥党员作用，带动群众共建共享",
            ("引导党员亮身份、当先锋，在村庄发展和群众服务中走在前面。", POSTS, COMPETITIONS),
            (RATINGS, VANGUARD),
            (WISHES, VISITS, HONOURS),
        ),
        S(
            1,
            "借智借力，推动资源下沉到村",
            (SERVICES, FEATURED_PROJECT),
            (MEASURES, SECRETARIES, COHORT),
            (COLLECTIVE,),
            (FINANCE, UNIVERSITIES, OPERATORS),
        ),
        S(
            1,
            "存在的问题与不足",
            "一是村与村之间发展还不够均衡" + WEAK_PROBLEM + "。二是部分村党组织带头人"
            "谋发展的本领有待提高，党员作用发挥还不够充分。三是引进的人才和项目与各村需求的"
            "对接还不够精准。",
        ),
        S(
            1,
            "下一步工作打算",
            "一是抓好村党组织带头人队伍建设，推动后进村、薄弱村转化提升。"
            "二是深化党员设岗定责和先锋指数考评，让党员作用看得见、比得出。"
            "三是用好人才服务队、第一书记和金融产品，把资源精准投向各村的发展项目。",
        ),
    ),
)

# --- a village ------------------------------------------------------------------------------------

VILLAGE = TemplateSpec(
    Area.Level.VILLAGE,
    (
        S(
            0,
            "",
            "{{期间}}，{{党组织}}在上级党委的领导下，团结带领党员群众抓组织、兴产业、"
            "优服务，推动村庄发展和村民增收。现将有关情况报告如下。",
            (
                said(
                    "party.members",
                    "{{截至}}，村里在册党员",
                    said("party.members_without_office", "，其中无职党员"),
                    said(
                        "households.count",
                        "；登记农户",
                        said("households.demonstration", "，其中示范户"),
                        said("households.low_income", "、低收入户"),
                    ),
                    "。",
                ),
            ),
        ),
        S(
            1,
            "加强组织建设，带领村庄发展",
            (
                "村党组织坚持把发展作为第一要务，带领村“两委”谋产业、抓项目、办实事。",
                when("ratings.five_star", "{{期间}}星级评定中，村党组织被评为五星级党组织。"),
                when("ratings.four_star", "{{期间}}星级评定中，村党组织被评为四星级党组织。"),
            ),
            (
                said(
                    "alliances.member_income_increase",
                    "本村加入党建联盟后，{{期间}}村民可支配收入总额比入盟前一年增加",
                    "。",
                    condition="alliances.member_income_increase>0",
                ),
                when(
                    "pairing.active",
                    "村党组织与结对村开展共建，在资源对接和人才培养等方面互帮互学。",
                ),
                said(
                    "projects.landed",
                    "村里累计落地投资项目",
                    said("projects.investment", "，总投资"),
                    "。",
                ),
            ),
            (
                said(
                    "ecommerce.shops",
                    "{{截至}}，全村经营网店",
                    said("ecommerce.sales", "，{{期间}}网络零售额"),
                    "。",
                ),
                said("party.returned_entrepreneurs", "返乡创业党员", "在产业发展中发挥带头作用。"),
            ),
        ),
        S(
            1,
            "发挥党员作用，服务村民群众",
            (
                "引导党员亮身份、当先锋，在村庄建设和群众服务中走在前面。",
                said(
                    "posts.set_up",
                    "{{截至}}，村里设立党员先锋岗位",
                    said("posts.members_assigned", "，定岗党员"),
                    said("posts.demonstration_households", "，结对扶持示范户"),
                    said("posts.low_income_households", "，帮扶低收入户"),
                    "。",
                ),
            ),
            (
                said(
                    "vanguard.rated",
                    "{{期间}}先锋指数考评中，村里",
                    "党员确定了考评结果",
                    said("vanguard.excellent", "，其中优秀"),
                    "。",
                ),
                said("vanguard.family_events", "村里登记好家风加分事件", FAMILY_MEMBERS, "。"),
            ),
            (
                said(
                    "wishes.submitted",
                    "{{期间}}，村里收集群众微心愿",
                    said("wishes.fulfilled", "，已实现"),
                    "。",
                ),
                said(
                    "visits.count",
                    "干部走亲连心走访",
                    said("visits.issues_resolved", "，帮助解决群众反映的问题"),
                    "。",
                ),
                said("honours.village", "村里累计获得各级荣誉称号", "。"),
            ),
        ),
        S(
            1,
            "借智借力，增强发展后劲",
            (SERVICES, FEATURED_PROJECT),
            (
                when(
                    "secretaries.posted",
                    "上级选派的第一书记驻村帮扶，围绕强组织、兴产业、增收入开展工作。",
                ),
                said(
                    "villages.collective_income",
                    "{{期间}}，村级集体经济收入",
                    said("villages.operating_income", "，其中经营性收入"),
                    said("villages.per_capita_income", "；村民人均可支配收入"),
                    "。",
                ),
            ),
            (
                said(
                    "finance.debt_loans",
                    "通过政银共建获得化债专项贷款",
                    said("finance.debt_loan_amount", "、金额"),
                    said("finance.cost_saved", "，节约财务成本"),
                    "。",
                ),
                said("universities.students", "高校累计选派大学生", "到村实践锻炼。"),
                said("operators.businesses", "乡村运营团队累计为村里以商招商", "。"),
            ),
        ),
        S(
            1,
            "存在的问题与不足",
            "一是村集体经济增收的门路还不够宽"
            + when("villages.weak", "，按现行标准本村仍属集体经济薄弱村")
            + "。二是党员队伍年龄偏大，年轻党员和致富带头人偏少。三是为群众办实事的长效机制还需完善。",
        ),
        S(
            1,
            "下一步工作打算",
            "一是加强村“两委”班子建设，带头发展集体经济。二是完善党员设岗定责，让党员在村庄建设中"
            "当先锋、作表率。三是用好上级选派的人才和项目，把资源用在群众最需要的地方。",
        ),
    ),
)

BY_LEVEL: dict[int, TemplateSpec] = {spec.level: spec for spec in (DISTRICT, TOWN, VILLAGE)}


def for_level(level: int) -> TemplateSpec:
    """The default of a node's level; districts and above use the district's."""
    return BY_LEVEL[max(min(level, Area.Level.VILLAGE), Area.Level.COUNTY)]
