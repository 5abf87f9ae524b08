"""The default report template: the structure of a district's annual report on party-building-led
rural revitalization (introduction; 组织振兴, 党员作用, 借智借力 with three parts each), with
featured cases of named towns and villages.

Sentences with figures are written against indicator codes; when `services.template_ensure_default`
creates the template, a sentence whose indicators are not registered yet is replaced by its
`missing` text, which says plainly that the data is not collected yet. District staff then edit
the template in the browser; this module is only its first version.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from xingcun.reports import tags
from xingcun.reports.models import DEFAULT_TITLE

NAME = "年度工作报告（默认模板）"
TITLE = DEFAULT_TITLE
YEAR = 2020


@dataclass(frozen=True)
class Sentence:
    text: str
    missing: str = ""  # said instead when an indicator of `text` is not registered

    def codes(self) -> set[str]:
        pieces, _errors = tags.parse(self.text)
        return {p.code for p in pieces if isinstance(p, tags.Tag) and p.code}

    def render(self, known: set[str]) -> str:
        return self.text if self.codes() <= known else self.missing


Paragraph = tuple[Sentence | str, ...]


@dataclass(frozen=True)
class SectionSpec:
    level: int
    heading: str
    paragraphs: tuple[Paragraph, ...]
    area_code: str = ""

    def body(self, known: Iterable[str]) -> str:
        codes = set(known)
        lines = [
            "".join(part if isinstance(part, str) else part.render(codes) for part in paragraph)
            for paragraph in self.paragraphs
        ]
        return "\n".join(line for line in lines if line)


NOT_COLLECTED = "尚未纳入平台采集，待相关台账建立后补充。"

SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        0,
        "",
        (
            (
                "乡村振兴，关键在党，基础在基层组织。{{期间}}，{{区划}}围绕组织有力、队伍过硬、"
                "支撑坚实的目标，把基层党建贯穿产业发展、村庄治理和农民增收的全过程，"
                "以组织力带动发展力，以党员的先锋作用凝聚群众，以外部的智力和资金补齐基层短板。",
            ),
            (
                Sentence(
                    "辖区现有村(社区){{指标:villages.count}}，村级党组织"
                    "{{指标:party.organisations}}，在册党员{{指标:party.members}}，其中未担任"
                    "村(社区)职务的党员{{指标:party.members_without_office}}。",
                    "辖区村(社区)、党组织和党员的基本数据" + NOT_COLLECTED,
                ),
            ),
            (
                "本报告的数据由兴村平台依据各镇街、各村上报的台账自动汇总生成，各项指标的统计口径"
                "见平台指标目录；平台尚未采集的事项，报告中逐项注明。",
            ),
        ),
    ),
    SectionSpec(
        1,
        "组织振兴",
        (("把提升组织力作为突出任务，创新基层组织的设置和运行方式，让组织优势转化为发展优势。",),),
    ),
    SectionSpec(
        2,
        "党建联盟",
        (
            (
                "推动地域相邻、产业相近的村党组织组建党建联盟，在不改变党员组织关系的前提下"
                "统一谋划、共享资源、联合招商，以组织联建带动区域抱团发展。",
                Sentence(
                    "辖区累计落地投资项目{{指标:projects.landed}}，总投资"
                    "{{指标:projects.investment}}。",
                    "投资项目的落地和投资数据" + NOT_COLLECTED,
                ),
            ),
            (
                Sentence(
                    "辖区现有党建联盟{{指标:alliances.count}}，依托联盟累计落地投资项目"
                    "{{指标:alliances.projects_landed}}，总投资{{指标:alliances.investment}}。",
                    "党建联盟及其落地项目的数据" + NOT_COLLECTED,
                ),
                Sentence(
                    "{{期间}}，联盟成员村的村民可支配收入总额比加入联盟前一年共增加"
                    "{{指标:alliances.member_income_increase}}。",
                    "联盟成员村的增收情况" + NOT_COLLECTED,
                ),
            ),
        ),
    ),
    SectionSpec(
        3,
        "典型案例：高虹镇以联盟聚合镇域资源。",
        (
            (
                "{{区划}}以党建联盟为纽带整合镇域资源，把项目招引和乡村旅游放在一起谋划。",
                Sentence(
                    "全镇累计落地投资项目{{指标:projects.landed}}，总投资"
                    "{{指标:projects.investment|单位=万元}}。",
                    "全镇项目落地数据" + NOT_COLLECTED,
                ),
                Sentence(
                    "其中经由党建联盟落地的项目{{指标:alliances.projects_landed}}，总投资"
                    "{{指标:alliances.investment}}。",
                    "经由联盟落地的项目数据" + NOT_COLLECTED,
                ),
                Sentence(
                    "{{期间}}全镇接待游客{{指标:alliances.tourism_visitors}}，旅游总收入"
                    "{{指标:alliances.tourism_revenue}}，结成联盟的村共计增收"
                    "{{指标:alliances.member_income_increase}}。",
                    "全镇游客接待和联盟成员村增收数据" + NOT_COLLECTED,
                ),
            ),
        ),
        area_code="330112102",
    ),
    SectionSpec(
        2,
        "结对共建",
        (
            (
                "组织综合实力较强的星级党组织与软弱后进村、集体经济薄弱村结成对子，"
                "在电商平台搭建、市场资源对接和电商人才培养等方面实行传帮带，推动结对双方"
                "共同提高。",
            ),
            (
                Sentence(
                    "{{期间}}，辖区处于结对期的村社党组织共"
                    "{{指标:pairing.active|显示=数值}}对，累计结成共建伙伴"
                    "{{指标:pairing.formed|显示=数值}}对。",
                    "结对共建的数量" + NOT_COLLECTED,
                ),
                Sentence(
                    "“双整”达标村占比为{{指标:pairing.compliance_rate}}（年度目标"
                    "{{指标:pairing.compliance_target}}），示范村占比为"
                    "{{指标:pairing.demonstration_share}}（年度目标"
                    "{{指标:pairing.demonstration_target}}）。",
                    "“双整”达标村、示范村创建等年度目标的完成情况" + NOT_COLLECTED,
                ),
            ),
        ),
    ),
    SectionSpec(
        2,
        "产业党组织",
        (
            (
                "顺应农村产业发展的新形势，在电商、农业新业态和返乡创业群体中建立功能型、"
                "临时党组织，让党的组织覆盖跟着产业链延伸。",
                Sentence(
                    "辖区在册返乡创业党员{{指标:party.returned_entrepreneurs}}，"
                    "已成为发展新产业新业态的带头人。",
                    "返乡创业党员的数据" + NOT_COLLECTED,
                ),
            ),
            (
                Sentence(
                    "按现行认定标准，辖区有淘宝镇{{指标:ecommerce.taobao_towns}}、淘宝村"
                    "{{指标:ecommerce.taobao_villages}}，开展农村电商的行政村占"
                    "{{指标:ecommerce.coverage}}，农村网店共{{指标:ecommerce.shops}}；"
                    "“村党支部+电商协会+合作组织”的做法已推广到外地"
                    "{{指标:ecommerce.replications}}地区。",
                    "淘宝镇、淘宝村数量，农村电商覆盖率和网店数量" + NOT_COLLECTED,
                ),
                Sentence(
                    "在“两进两回”中组建的新农人党组织吸收返乡创业党员{{指标:newfarmer.members}}，"
                    "帮助落地创业项目{{指标:newfarmer.projects}}，总投资"
                    "{{指标:newfarmer.investment}}。",
                    "新农人党组织吸收返乡创业党员和落地项目的数据" + NOT_COLLECTED,
                ),
            ),
        ),
    ),
    SectionSpec(
        3,
        "典型案例：白牛村党建与电商共同成长。",
        (
            (
                "{{区划}}依托农村电商产业建立电商党支部，探索“村党支部+电商协会+合作组织”的"
                "运行方式，让党员在电商创业中走在前面。",
                Sentence(
                    "村里在册党员{{指标:party.members}}，其中返乡创业党员"
                    "{{指标:party.returned_entrepreneurs}}。",
                    "本村党员数据" + NOT_COLLECTED,
                ),
                Sentence(
                    "{{期间}}全村有网店{{指标:ecommerce.shops}}，网络零售额"
                    "{{指标:ecommerce.sales|单位=万元}}。",
                    "本村电商经营数据" + NOT_COLLECTED,
                ),
            ),
        ),
        area_code="330112108230",
    ),
    SectionSpec(
        3,
        "典型案例：天目山镇新农人临时党支部带动返乡创业。",
        (
            (
                "{{区划}}把返乡创业的党员组织起来建立新农人临时党支部，党员的组织关系不变，"
                "由支部牵线技术、资金和市场，帮助他们成长为专业大户、家庭农场主和农业企业骨干。",
                Sentence(
                    "支部现有返乡创业党员{{指标:newfarmer.members}}，已帮助落地创业项目"
                    "{{指标:newfarmer.projects}}，总投资{{指标:newfarmer.investment}}。",
                    "新农人临时党支部的成员和项目数据" + NOT_COLLECTED,
                ),
            ),
        ),
        area_code="330112116",
    ),
    SectionSpec(
        1,
        "党员作用",
        (("引导党员在乡村振兴一线亮身份、当先锋，把党员的责任落到具体岗位、具体群众身上。",),),
    ),
    SectionSpec(
        2,
        "身份与岗位",
        (
            (
                "深化农村无职党员设岗定责，按照公开设岗、自愿选岗、审核定岗、公示上岗、"
                "年终述岗评岗的流程，让每名无职党员都有岗位、有责任。",
                Sentence(
                    "辖区在册无职党员{{指标:party.members_without_office}}，是设岗定责的主要对象。",
                    "无职党员的数据" + NOT_COLLECTED,
                ),
                Sentence(
                    "农户登记中现有示范户{{指标:households.demonstration}}、低收入户"
                    "{{指标:households.low_income}}，是党员结对帮扶的重点。",
                    "示范户和低收入户的数据" + NOT_COLLECTED,
                ),
            ),
            (
                Sentence(
                    "{{期间}}，辖区累计设立党员先锋岗位{{指标:posts.set_up}}，经公示定岗的党员"
                    "{{指标:posts.members_assigned}}；党员结对扶持示范户"
                    "{{指标:posts.demonstration_households}}、帮扶低收入(贫困)户"
                    "{{指标:posts.low_income_households}}。",
                    "党员先锋岗位的设置数量、定岗党员人数和结对帮扶户数" + NOT_COLLECTED,
                ),
            ),
            (
                "把青年党员和新领域党员组织起来，建立临时党支部，在党小组之间开展比拼。",
                Sentence(
                    "辖区现有临时党支部{{指标:competitions.temporary_branches}}，下设党小组"
                    "{{指标:competitions.temporary_groups}}；{{期间}}党小组比拼登记完成事项"
                    "{{指标:competitions.entries}}。",
                    "临时党支部和党小组比拼的情况" + NOT_COLLECTED,
                ),
            ),
        ),
    ),
    SectionSpec(
        3,
        "典型案例：太湖源镇后浪党支部让青年党员比着干。",
        (
            (
                "{{区划}}围绕现代农业园区和产业融合示范园创建，把35周岁以下的机关青年党员单独"
                "组建为后浪党支部，分组走访调研、论证课题，为“两园”创建出主意。",
                Sentence(
                    "支部下设党小组{{指标:competitions.temporary_groups}}，"
                    "{{期间}}在比拼平台上登记完成事项{{指标:competitions.entries}}，"
                    "积分榜实时公布，小组之间你追我赶。",
                    "后浪党支部的党小组和比拼数据" + NOT_COLLECTED,
                ),
            ),
        ),
        area_code="330112103",
    ),
    SectionSpec(
        2,
        "家风",
        (
            (
                "把好家风建设纳入星级基层党组织评定和农村党员先锋指数考评，"
                "以党员家庭的好家风带动民风、村风。",
            ),
            (
                Sentence(
                    "{{期间}}，辖区{{指标:ratings.rated}}基层党组织完成星级评定，其中五星级"
                    "{{指标:ratings.five_star}}、四星级{{指标:ratings.four_star}}，与上年相比升星"
                    "{{指标:ratings.raised}}、降星{{指标:ratings.lowered}}；好家风这一评定维度的"
                    "平均得分为{{指标:ratings.family_score}}。",
                    "星级基层党组织评定结果" + NOT_COLLECTED,
                ),
                Sentence(
                    "农村党员先锋指数考评确定结果的党员{{指标:vanguard.rated}}，平均得分"
                    "{{指标:vanguard.average_score}}，评为优秀的{{指标:vanguard.excellent}}，"
                    "占{{指标:vanguard.excellent_share}}。全年登记好家风加分事件"
                    "{{指标:vanguard.family_events}}，{{指标:vanguard.family_members}}党员因家风表现"
                    "获得加分；低于帮教分数线的{{指标:vanguard.follow_up}}党员由支部逐一谈心帮教。",
                    "农村党员先锋指数考评得分" + NOT_COLLECTED,
                ),
            ),
        ),
    ),
    SectionSpec(
        3,
        "典型案例：上田村以家风带民风。",
        (
            (
                "{{区划}}党组织把立家训、传家风作为党员联系群众的日常功课，每年为好家风家庭"
                "举行褒奖礼，让村民在身边的榜样中看到标准，探索出自治、法治、德治相互支撑的"
                "村庄治理办法，曾获全国民主法治示范村等称号。",
                Sentence(
                    "{{期间}}，村里登记好家风加分事件{{指标:vanguard.family_events}}，"
                    "{{指标:vanguard.family_members}}党员因家风表现在先锋指数中获得加分。",
                    "本村党员的好家风考评数据" + NOT_COLLECTED,
                ),
                Sentence(
                    "该村累计获得各级荣誉称号{{指标:honours.village}}，其中国家级"
                    "{{指标:honours.national}}；村里的做法获中央媒体报道{{指标:honours.media_national}}。",
                    "本村的荣誉称号和媒体报道" + NOT_COLLECTED,
                ),
            ),
        ),
        area_code="330112115204",
    ),
    SectionSpec(
        2,
        "典型与服务",
        (
            (
                "选树乡村振兴中的先进集体和先进个人，结合走亲连心三服务收集群众的微心愿，"
                "由党员认领、帮助实现。",
            ),
            (
                Sentence(
                    "{{期间}}，辖区收集群众微心愿{{指标:wishes.submitted}}，党员和党组织认领"
                    "{{指标:wishes.claimed}}，经核实已实现{{指标:wishes.fulfilled}}，"
                    "平均用时{{指标:wishes.average_days}}。",
                    "微心愿的认领和实现情况" + NOT_COLLECTED,
                ),
                Sentence(
                    "干部走亲连心走访{{指标:visits.count}}，收集群众反映的问题"
                    "{{指标:visits.issues_raised}}，已解决{{指标:visits.issues_resolved}}。",
                    "走亲连心三服务的走访情况" + NOT_COLLECTED,
                ),
            ),
            (
                Sentence(
                    "辖区累计选树典型案例{{指标:honours.cases}}，获得各级荣誉称号"
                    "{{指标:honours.total}}，其中授予村(社区)集体的{{指标:honours.village}}、"
                    "国家级{{指标:honours.national}}；基层的实践被各级媒体报道"
                    "{{指标:honours.media}}。",
                    "先进典型和荣誉称号" + NOT_COLLECTED,
                ),
            ),
        ),
    ),
    SectionSpec(
        3,
        "典型案例：迎丰村把民心工程办到群众心坎上。",
        (
            (
                "{{区划}}的带头人把群众的小事当作村里的大事，带领村两委接连建成文化礼堂、"
                "养老驿站、非遗传承馆等民心工程，用一件件实事赢得了群众信任。",
                Sentence(
                    "该村累计获得各级荣誉称号{{指标:honours.village}}。",
                    "本村的荣誉称号" + NOT_COLLECTED,
                ),
                Sentence(
                    "{{期间}}，村民人均可支配收入达到{{指标:honours.model_income}}，"
                    "为比较基期的{{指标:honours.model_income_index}}。",
                    "本村村民收入与基期的比较" + NOT_COLLECTED,
                ),
            ),
        ),
        area_code="330112111201",
    ),
    SectionSpec(
        1,
        "借智借力",
        (("统筹人才、资金和技术等各方力量向乡村下沉，补齐基层发展的短板。",),),
    ),
    SectionSpec(
        2,
        "专家服务",
        (
            (
                "组建产业发展、乡村建设、乡风文明、乡村治理、强村富民、改革助力六支人才服务队，"
                "由村里点单、专家接单，把服务送到田间地头。",
            ),
            (
                Sentence(
                    "{{期间}}，{{指标:orders.teams|显示=数值}}支人才服务队共完成点单服务"
                    "{{指标:orders.services}}，服务村(社区){{指标:orders.villages_served}}，"
                    "受益{{指标:orders.beneficiaries}}；其中首席农技专家服务"
                    "{{指标:orders.chief_services}}。累计解决农技问题"
                    "{{指标:orders.problems_solved}}。",
                    "服务队接单和首席农技专家的服务次数、受益人数" + NOT_COLLECTED,
                ),
                Sentence(
                    "专家示范项目亩产{{指标:orders.demo_yield}}，产值"
                    "{{指标:orders.demo_output}}，带动农户增收{{指标:orders.demo_income_increase}}。",
                    "专家示范项目的产量和增收情况" + NOT_COLLECTED,
                ),
            ),
        ),
    ),
    SectionSpec(
        2,
        "第一书记",
        (
            (
                "向集体经济薄弱村选派第一书记，围绕强组织、兴产业、增收入、化债务开展帮扶，"
                "推动薄弱村消薄增收。",
                Sentence(
                    "{{期间}}，辖区村级集体经济收入{{指标:villages.collective_income}}，"
                    "同比增长率为{{指标:villages.collective_income_growth}}；其中经营性收入"
                    "{{指标:villages.operating_income}}。",
                    "村级集体经济收入数据" + NOT_COLLECTED,
                ),
                Sentence(
                    "按现行消薄标准，辖区尚有集体经济薄弱村{{指标:villages.weak}}，"
                    "占村(社区)总数的{{指标:villages.weak_share}}；村级债务合计"
                    "{{指标:villages.debt}}。",
                    "集体经济薄弱村和村级债务数据" + NOT_COLLECTED,
                ),
                Sentence(
                    "村民人均可支配收入为{{指标:villages.per_capita_income}}。",
                    "村民收入数据" + NOT_COLLECTED,
                ),
            ),
            (
                Sentence(
                    "辖区在岗第一书记{{指标:secretaries.posted}}，近三年共引进项目"
                    "{{指标:secretaries.projects_recent}}，争取项目资金"
                    "{{指标:secretaries.funds_recent}}。",
                    "第一书记引进项目和争取资金的情况" + NOT_COLLECTED,
                ),
                Sentence(
                    "消薄计划认定的薄弱村{{指标:secretaries.weak_cohort}}中，"
                    "第一年实现消薄{{指标:secretaries.weak_left_first_year}}，累计摘帽"
                    "{{指标:secretaries.weak_removed}}，尚未摘帽"
                    "{{指标:secretaries.weak_remaining}}（最近一批于"
                    "{{指标:secretaries.last_exit_year}}摘帽，剩余为0即于该年全部摘帽）；"
                    "薄弱村村均债务由认定时的"
                    "{{指标:secretaries.cohort_avg_debt_before}}变为"
                    "{{指标:secretaries.cohort_avg_debt_now}}。",
                    "消薄计划的进展" + NOT_COLLECTED,
                ),
            ),
        ),
    ),
    SectionSpec(
        2,
        "多方合作",
        (
            ("联合金融机构、高等院校和乡村运营团队，推进政银共建、科技进乡村和乡村市场化运营。",),
            (
                Sentence(
                    "与合作银行共建政银合作机制，推出林权抵押、耕地保护等金融产品，累计发放化债专项"
                    "贷款{{指标:finance.debt_loans}}、{{指标:finance.debt_loan_amount}}，为村级集体"
                    "节约财务成本{{指标:finance.cost_saved}}。",
                    "政银共建金融产品和化债贷款的数据" + NOT_COLLECTED,
                ),
                Sentence(
                    "联合高校开展科技进乡村活动，累计选派科技特派员"
                    "{{指标:universities.commissioners}}、专家{{指标:universities.experts}}、"
                    "大学生{{指标:universities.students}}到村开展科技指导和实践锻炼。",
                    "科技特派员、专家和大学生的选派数据" + NOT_COLLECTED,
                ),
                Sentence(
                    "探索乡村市场化运营，公开招募乡村运营师团队{{指标:operators.teams}}，与"
                    "{{指标:operators.villages_signed}}村落景区签约；累计以商招商"
                    "{{指标:operators.businesses}}，落户项目{{指标:operators.projects}}，总投资"
                    "{{指标:operators.investment}}，吸引文创、电商等专业人才"
                    "{{指标:operators.talents}}。",
                    "乡村运营招商和引才的数据" + NOT_COLLECTED,
                ),
            ),
        ),
    ),
)
