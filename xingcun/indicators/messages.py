"""Every indicator name and description, dashboard chart title and unit, marked for
makemessages: they are declared as data in each app's indicators.py and shown through gettext
(engine.register; units.format_value with the context "unit"). A test fails when one is
missing from this list."""

from __future__ import annotations

from django.utils.translation import gettext_noop, pgettext_lazy

MESSAGES = (
    gettext_noop("党建联盟数"),
    gettext_noop(
        "期末存在的党建联盟个数（成立日期不晚于期末、期末尚未解散），按联盟登记的区划统计。"
    ),
    gettext_noop("党建联盟落地项目总投资"),
    gettext_noop(
        "截至期末累计通过党建联盟落地的投资项目（同“党建联盟落地投资项目数”）的投资额合计。"
    ),
    gettext_noop("党建联盟成员村增收"),
    gettext_noop(
        "期末为党建联盟成员的村，期间所在年度村民可支配收入总额（人均可支配收入 × 户籍人口）比其党组织首次加入联盟前一年增加的数额。缺少加入前一年或当年村情档案的村不计入。"
    ),
    gettext_noop("党建联盟落地投资项目数"),
    gettext_noop(
        "截至期末累计通过党建联盟落地的投资项目个数：关联到联盟、状态为在建或投产、落地日期不晚于期末的项目。按联盟登记的区划统计。"
    ),
    gettext_noop("旅游总收入"),
    gettext_noop("期间所在年度各镇(街道)登记的旅游总收入合计。"),
    gettext_noop("接待游客人次"),
    gettext_noop("期间所在年度各镇(街道)登记的接待游客人次合计。"),
    gettext_noop("党小组比拼完成事项数"),
    gettext_noop("期间内党小组比拼中登记的完成事项（按完成日期，不含作废的）项数。"),
    gettext_noop("临时党支部数"),
    gettext_noop(
        "期末存在的临时党支部（如青年干部组成的“后浪党支部”、新农人临时党支部）个数，不含其下设的党小组。党支部计入其登记的区划（通常是镇）。"
    ),
    gettext_noop("临时党支部党小组数"),
    gettext_noop(
        "期末临时党支部下设的党小组个数：成立日期不晚于期末、期末前未撤销。党小组开展比拼的积分见“党小组比拼”。"
    ),
    gettext_noop("行政村数"),
    gettext_noop("区划库中现有的行政村个数（村(社区)中名称不含“社区”的）。区划库不记历史。"),
    gettext_noop("行政村农村电商覆盖率"),
    gettext_noop("农村电商覆盖行政村数占行政村数的百分比。"),
    gettext_noop("农村电商覆盖行政村数"),
    gettext_noop("期间所在年度有网店或从事电商农户的行政村数（不含社区）。"),
    gettext_noop("“村党支部+电商协会+合作组织”村数"),
    gettext_noop("期间所在年度同时有淘宝党支部(党小组)、电商协会和合作组织的村数。"),
    gettext_noop("模式复制推广地区数"),
    gettext_noop("截至期末累计复制“村党支部+电商协会+合作组织”模式的地区数，按登记区划统计。"),
    gettext_noop("农村网络零售额"),
    gettext_noop("期间所在年度各村登记的网络零售额合计。"),
    gettext_noop("农村网店数"),
    gettext_noop("期间所在年度各村登记的网店数合计。"),
    gettext_noop("淘宝镇数"),
    gettext_noop(
        "期间所在年度达到淘宝镇标准的镇(街道)数，按当年有效规则计算（默认：有淘宝村3个以上，或全镇网络零售额超过3000万元且活跃网店超过300家）。"
    ),
    gettext_noop("淘宝村数"),
    gettext_noop(
        "期间所在年度达到淘宝村标准的村数，按当年有效的淘宝村(镇)认定规则计算（默认：年网络零售额1000万元以上，且活跃网店100家以上或电商户占当年户数10%以上）。"
    ),
    gettext_noop("为村级集体节约财务成本"),
    gettext_noop(
        "截至期末累计发放给村集体的贷款所节约的财务成本：每笔贷款金额 ×（发放年度参考利率 − 贷款利率）× 期限（年），参考利率由区委组织部按年度设置。"
    ),
    gettext_noop("化债专项贷款金额"),
    gettext_noop("截至期末累计发放的化债专项贷款金额合计。"),
    gettext_noop("化债专项贷款户数"),
    gettext_noop(
        "截至期末累计发放、用途为化解村级债务的贷款笔数（每笔计一户），计入借款人所在村。"
    ),
    gettext_noop("合作银行贷款发放金额"),
    gettext_noop("期间内合作银行通过政银共建金融产品发放的贷款金额合计（各类借款人、各类用途）。"),
    gettext_noop("典型案例数"),
    gettext_noop("截至期末所在年度累计选树的典型案例个数（先进个人、先进村和先进党组织）。"),
    gettext_noop("媒体报道次数"),
    gettext_noop("截至期末累计登记的媒体报道篇次，按报道对象所在区划统计。"),
    gettext_noop("中央媒体报道次数"),
    gettext_noop("截至期末累计登记的国家级媒体（如《人民日报》《光明日报》）报道篇次。"),
    gettext_noop("示范村收入比较基期"),
    gettext_noop(
        "示范村登记的收入比较基期（年度）；用于单个示范村的报告，多个村时为其中最晚的基期。"
    ),
    gettext_noop("示范村村民可支配收入总额"),
    gettext_noop("期间所在年度各示范村“人均可支配收入 × 户籍人口”之和，是人均收入的分子。"),
    gettext_noop("示范村村民人均可支配收入"),
    gettext_noop("示范村村民可支配收入总额除以户籍人口，按人口加权。"),
    gettext_noop("示范村人均可支配收入合计（基期）"),
    gettext_noop(
        "各示范村在其收入比较基期的村情档案中村民人均可支配收入之和，只计期间所在年度也填报了档案的示范村；单个村即为该村基期的人均收入。"
    ),
    gettext_noop("示范村人均收入为基期的百分比"),
    gettext_noop(
        "示范村本期人均可支配收入之和除以基期之和，以基期为100%；达到200%即比基期翻番。多个村合计时为各村人均收入的简单加总之比。"
    ),
    gettext_noop("示范村人均可支配收入合计（本期）"),
    gettext_noop(
        "期间所在年度各示范村村情档案中村民人均可支配收入之和，只计同时填报了基期档案的示范村；单个村即为该村的人均收入。"
    ),
    gettext_noop("示范村户籍人口"),
    gettext_noop("期间所在年度各示范村村情档案中的户籍人口之和。"),
    gettext_noop("示范村数"),
    gettext_noop("截至期末所在年度已命名的示范村个数。"),
    gettext_noop("国家级荣誉称号数"),
    gettext_noop("截至期末所在年度累计获得的国家级荣誉称号项数。"),
    gettext_noop("省级荣誉称号数"),
    gettext_noop("截至期末所在年度累计获得的省级荣誉称号项数。"),
    gettext_noop("荣誉称号数"),
    gettext_noop(
        "截至期末所在年度累计获得的各级荣誉称号项数（村、党组织和个人），按获奖对象所在区划统计。"
    ),
    gettext_noop("村(社区)获得的荣誉称号数"),
    gettext_noop("截至期末所在年度累计授予村(社区)集体的各级荣誉称号项数（不含党组织和个人）。"),
    gettext_noop("农户数"),
    gettext_noop("农户登记簿中的户数。登记簿不记历史，各期间取值相同，需要留底时请冻结快照。"),
    gettext_noop("示范户数"),
    gettext_noop("农户登记簿中标记为示范户的户数（按当前登记）。"),
    gettext_noop("低收入户数"),
    gettext_noop("农户登记簿中标记为低收入（贫困）户的户数（按当前登记）。"),
    gettext_noop("新农人创业项目总投资"),
    gettext_noop("截至期末新农人党组织落地创业项目（同“新农人创业项目落地数”）的投资额合计。"),
    gettext_noop("新农人党组织吸收返乡创业党员数"),
    gettext_noop(
        "期末在新农人党组织中的返乡创业党员人数（按加入、退出日期；其所属党组织不变）。按新农人党组织所在区划统计。"
    ),
    gettext_noop("新农人创业项目落地数"),
    gettext_noop(
        "截至期末新农人党组织帮助落地的创业项目个数：状态为在建或投产、落地日期不晚于期末。"
    ),
    gettext_noop("运营以商招商数"),
    gettext_noop("截至期末各运营合同登记的以商招商家数之和（按各期成效的统计截止日期）。"),
    gettext_noop("运营落户项目总投资"),
    gettext_noop("截至期末通过乡村运营落户、已落地的投资项目的投资额合计。"),
    gettext_noop("运营落户项目数"),
    gettext_noop("截至期末通过乡村运营落户、已落地（在建或投产）的投资项目个数，计入签约村。"),
    gettext_noop("运营吸引专业人才数"),
    gettext_noop("截至期末运营团队为签约村引进的文创、电商等专业人才人数之和。"),
    gettext_noop("公开招募乡村运营师团队数"),
    gettext_noop(
        "截至期末经公开招募入选的乡村运营团队个数（入选日期不晚于期末），计入招募的区或镇。"
    ),
    gettext_noop("签约村落景区数"),
    gettext_noop("截至期末累计与运营团队签约的村落景区个数（运营合同数，含此后解约的）。"),
    gettext_noop("点单服务受益人次"),
    gettext_noop("期间内完成的点单服务登记的受益人次之和，计入点单的村。"),
    gettext_noop("首席农技专家服务次数"),
    gettext_noop("期间内由首席农技专家（专家登记中填写了首席领域）完成的点单服务次数。"),
    gettext_noop("专家示范项目面积"),
    gettext_noop("期间所在年度专家示范项目的面积合计。"),
    gettext_noop("专家示范项目总产量（亩产×面积）"),
    gettext_noop("各示范项目“亩产×面积”之和（公斤），是加权平均亩产的分子。"),
    gettext_noop("专家示范项目农户增收"),
    gettext_noop("示范项目农户增收百分比，按面积加权平均；只有一个项目时即该项目的增收率。"),
    gettext_noop("示范项目增收率×面积"),
    gettext_noop("各示范项目“农户增收百分比×面积”之和，是加权平均增收率的分子。"),
    gettext_noop("专家示范项目产值"),
    gettext_noop("期间所在年度专家示范项目的产值合计。"),
    gettext_noop("专家示范项目亩产"),
    gettext_noop("示范项目按面积加权的亩产：总产量 ÷ 总面积。只有一个项目时即该项目的亩产。"),
    gettext_noop("典型示范项目面积"),
    gettext_noop("期间所在年度标为“典型示范项目”的专家示范项目的面积。"),
    gettext_noop("典型示范项目总产量"),
    gettext_noop("典型示范项目的“亩产×面积”（公斤），是其亩产的分子。"),
    gettext_noop("典型示范项目农户增收"),
    gettext_noop("典型示范项目登记的农户增收百分比。"),
    gettext_noop("典型示范项目增收率×面积"),
    gettext_noop("典型示范项目“农户增收百分比×面积”，是其增收率的分子。"),
    gettext_noop("典型示范项目产值"),
    gettext_noop("期间所在年度典型示范项目的产值。"),
    gettext_noop("典型示范项目亩产"),
    gettext_noop("典型示范项目的亩产：总产量 ÷ 面积，即登记的亩产。"),
    gettext_noop("累计解决问题数"),
    gettext_noop("截至期末，点单服务登记解决的问题累计个数（每个问题单独登记，按服务日期）。"),
    gettext_noop("点单服务次数"),
    gettext_noop(
        "期间内完成服务（服务日期在期间内，状态为待评价或已办结）的点单次数，计入点单的村。"
    ),
    gettext_noop("人才服务队数"),
    gettext_noop(
        "期末在册的人才服务队支数：组建日期不晚于期末、期末前未撤销。服务队计入组建它的区或镇。"
    ),
    gettext_noop("服务覆盖村数"),
    gettext_noop(
        "期间内至少得到一次点单服务的村(社区)个数：服务登记的“服务村社”，一村多次只计一次。"
    ),
    gettext_noop("结对共建村社党组织对数"),
    gettext_noop(
        "期间内处于结对期的结对共建协议数（每份协议为一对村社党组织）：开始日期不晚于期末，且实际结束日期（未提前结束的取约定结束日期）不早于期初。按受援方所在区划统计。"
    ),
    gettext_noop("“双整”达标村占比"),
    gettext_noop("“双整”达标村数占村(社区)总数的百分比（未认定的村按未达标计）。"),
    gettext_noop("“双整”达标村占比年度目标"),
    gettext_noop(
        "区(县)为期间所在年度设定的“双整”达标村占比目标。只有区(县)一级取值；镇(街道)的目标见结对共建页面。"
    ),
    gettext_noop("“双整”达标村数"),
    gettext_noop(
        "期间所在年度经认定达到“双整”标准（整镇推进、整区提升）的村(社区)数，须有佐证材料。"
    ),
    gettext_noop("期间所在年度认定为示范村的村(社区)数。"),
    gettext_noop("示范村占比"),
    gettext_noop("示范村数占村(社区)总数的百分比。"),
    gettext_noop("示范村占比年度目标"),
    gettext_noop(
        "区(县)为期间所在年度设定的示范村占比目标。只有区(县)一级取值；镇(街道)的目标见结对共建页面。"
    ),
    gettext_noop("累计结对共建对数"),
    gettext_noop(
        "截至期末累计签订的结对共建协议数（含已结束的；续签不另计）。按受援方所在区划统计。"
    ),
    gettext_noop("党员人数"),
    gettext_noop("期末在册的党员（含预备党员）人数：入党日期不晚于期末，且没有在期末前离开。"),
    gettext_noop("无职党员人数"),
    gettext_noop(
        "期末在册、未担任村(社区)职务的党员人数，是设岗定责的对象。是否任职按党员登记中的当前状态判断。"
    ),
    gettext_noop("村级党组织数"),
    gettext_noop(
        "期末存在的村(社区)党组织个数：登记在村(社区)、类别为村(社区)党组织的党委、党总支或党支部，不含其下设的党支部和党小组，也不含功能型、临时党组织。成立日期晚于期末或在期末前已撤销的不计。"
    ),
    gettext_noop("返乡创业党员人数"),
    gettext_noop("期末在册、登记为返乡创业的党员人数（“两进两回”中的青年回农村、乡贤回农村）。"),
    gettext_noop("结对扶持示范户数"),
    gettext_noop(
        "截至期末累计与党员结对、作为示范户扶持的农户户数（按结对日期），一户与多名党员结对的计一户，结对结束的仍计入。"
    ),
    gettext_noop("结对帮扶贫困户数"),
    gettext_noop(
        "截至期末累计与党员结对、作为低收入(贫困)户帮扶的农户户数（按结对日期），一户与多名党员结对的计一户，结对结束的仍计入。"
    ),
    gettext_noop("定岗党员人数"),
    gettext_noop(
        "截至期末累计经党组织定岗（含公示中、在岗和已离岗）的党员人数，一人定多个岗位的计一人；只选岗未定岗或未通过公示的不计。党员计入其登记的村(社区)。"
    ),
    gettext_noop("党员先锋岗位数"),
    gettext_noop(
        "截至期末累计设立的党员先锋岗位个数（按设岗日期），含期末前已撤销的岗位。岗位计入设岗党组织所在的区划；一个岗位设多人的仍计一个。"
    ),
    gettext_noop("落地项目总投资"),
    gettext_noop("截至期末累计落地的投资项目（同“落地投资项目数”）的投资额合计。"),
    gettext_noop("落地投资项目数"),
    gettext_noop(
        "截至期末累计落地的投资项目个数：状态为在建或投产、落地日期不晚于期末。项目计入登记它的区划（区、镇或村），只签约未落地的不计。"
    ),
    gettext_noop("星级评定好家风维度平均分"),
    gettext_noop("好家风维度镇街评分之和除以参评党组织数（百分制）。"),
    gettext_noop("好家风维度得分合计"),
    gettext_noop("期间所在年度已定星党组织好家风维度的镇街评分之和，是平均分的分子。"),
    gettext_noop("好家风维度参评党组织数"),
    gettext_noop("期间所在年度已定星、好家风维度有镇街评分的党组织个数。"),
    gettext_noop("五星级党组织数"),
    gettext_noop("期间所在年度定为五星的党组织个数（受全区比例上限约束）。"),
    gettext_noop("五星级党组织占比"),
    gettext_noop("五星级党组织数占已定星党组织数的百分比。"),
    gettext_noop("四星级党组织数"),
    gettext_noop("期间所在年度定为四星的党组织个数。"),
    gettext_noop("未定星（相对后进）党组织数"),
    gettext_noop("期间所在年度评分低于一星分数线、未定星的党组织个数。"),
    gettext_noop("降星党组织数"),
    gettext_noop("期间所在年度定星低于上一年度的党组织个数。"),
    gettext_noop("升星党组织数"),
    gettext_noop("期间所在年度定星高于上一年度的党组织个数。"),
    gettext_noop("星级评定党组织数"),
    gettext_noop("期间所在年度已定星（公示期满）的基层党组织个数，按党组织所在区划统计。"),
    gettext_noop("星级党组织数"),
    gettext_noop("期间所在年度定为一星及以上的党组织个数。"),
    gettext_noop("薄弱村村均债务（认定年度）"),
    gettext_noop("薄弱村名单各村认定年度债务的平均值：债务合计 ÷ 填报村数。"),
    gettext_noop("薄弱村村均债务（本年度）"),
    gettext_noop(
        "薄弱村名单各村期间所在年度债务的平均值，与认定年度比较即消薄以来村均债务的变化。"
    ),
    gettext_noop("薄弱村认定年度债务合计"),
    gettext_noop("薄弱村名单中各村认定年度村情档案的村级债务合计（村均债务的分子）。"),
    gettext_noop("薄弱村本年度债务合计"),
    gettext_noop("薄弱村名单中各村期间所在年度村情档案的村级债务合计（认定年度之后）。"),
    gettext_noop("薄弱村认定年度填报档案村数"),
    gettext_noop("薄弱村名单中认定年度填报了村情档案的村数（村均债务的分母）。"),
    gettext_noop("薄弱村本年度填报档案村数"),
    gettext_noop("薄弱村名单中期间所在年度填报了村情档案的村数。"),
    gettext_noop("近三年第一书记争取项目资金"),
    gettext_noop("期间所在年度及此前两年内到位的第一书记争取资金合计。"),
    gettext_noop("薄弱村最近摘帽年度"),
    gettext_noop(
        "薄弱村名单中，截至期间所在年度已摘帽的村里最晚的摘帽年度；尚未摘帽薄弱村数为0时，它就是薄弱村全部摘帽的年份。"
    ),
    gettext_noop("在岗第一书记人数"),
    gettext_noop(
        "期末在任的第一书记人数（任职开始不晚于期末、尚未结束或结束不早于期末），计入派驻村。"
    ),
    gettext_noop("近三年第一书记引进项目数"),
    gettext_noop(
        "期间所在年度及此前两年内签约、登记为第一书记引进的投资项目个数，计入第一书记派驻村。"
    ),
    gettext_noop("消薄计划认定的薄弱村数"),
    gettext_noop(
        "认定年度不晚于期间的消薄计划中的薄弱村个数：认定年度村情档案按当年有效的薄弱村认定规则判定为薄弱的村（名单由“重新计算”按最新档案生成）。"
    ),
    gettext_noop("第一年实现消薄的村数"),
    gettext_noop("薄弱村名单中，在认定年度的下一年（消薄第一年）的档案已不再是薄弱村的村数。"),
    gettext_noop("尚未摘帽薄弱村数"),
    gettext_noop("薄弱村名单中，截至期间所在年度仍未摘帽的村数；为0的第一年即全部摘帽的年份。"),
    gettext_noop("累计摘帽薄弱村数"),
    gettext_noop("薄弱村名单中，截至期间所在年度已摘帽（某年档案不再薄弱）的村数。"),
    gettext_noop("累计选派科技特派员"),
    gettext_noop(
        "截至期末，合作高校选派到村的科技特派员人数（开始日期不晚于期末的选派记录人数之和），计入派驻村。"
    ),
    gettext_noop("累计选派高校专家"),
    gettext_noop(
        "截至期末，合作高校选派到村的专家人数（开始日期不晚于期末的选派记录人数之和），计入派驻村。"
    ),
    gettext_noop("累计选派大学生"),
    gettext_noop(
        "截至期末，合作高校选派到村的大学生人数（开始日期不晚于期末的选派记录人数之和），计入派驻村。"
    ),
    gettext_noop("党员先锋指数平均分"),
    gettext_noop("已确定结果的先锋指数之和除以参评党员数。"),
    gettext_noop("先锋指数优秀党员数"),
    gettext_noop("期间所在年度已确定结果中等次为“优秀”的党员人数（分数线按当年有效的方案）。"),
    gettext_noop("先锋指数优秀率"),
    gettext_noop("先锋指数优秀党员数占参评党员数的百分比。"),
    gettext_noop("好家风加分事件数"),
    gettext_noop(
        "期间内发生、已审核通过的好家风类加分事件次数（如家庭获评好家风、立家训传家风），被更正替代的事件不计。按党员所在村统计。"
    ),
    gettext_noop("好家风加分党员数"),
    gettext_noop("期间所在年度已确定结果中，好家风类项目净得分为正的党员人数。"),
    gettext_noop("先锋指数低分帮教党员数"),
    gettext_noop("期间所在年度已确定结果中低于帮教分数线、需要谈心谈话和帮教的党员人数。"),
    gettext_noop("先锋指数参评党员数"),
    gettext_noop(
        "期间所在年度先锋指数结果已确定（公示、异议处理完毕）的党员人数，按党员所在村统计。尚在测算或公示中的结果不计。"
    ),
    gettext_noop("先锋指数得分合计"),
    gettext_noop("期间所在年度已确定结果的先锋指数之和，是平均分的分子。"),
    gettext_noop("村级集体经济收入"),
    gettext_noop(
        "期间所在年度村情档案中集体经济收入的合计：经营收入、发包及上交收入、投资收益、补助收入和其他收入五项之和。"
    ),
    gettext_noop("村级集体经济收入增长率"),
    gettext_noop("村级集体经济收入比上年同期增长的百分比：（本期 − 上年同期）÷ 上年同期。"),
    gettext_noop("村(社区)数"),
    gettext_noop("区划库中现有的村(社区)个数（行政村和社区）。区划库不记历史，各期间取值相同。"),
    gettext_noop("村级债务"),
    gettext_noop("各村截至期间所在年度最近一次填报的村级债务之和（某年未填报的村沿用上一次）。"),
    gettext_noop("村民可支配收入总额"),
    gettext_noop("期间所在年度各村“人均可支配收入 × 户籍人口”的合计，是人均收入的分子。"),
    gettext_noop("村级集体经营性收入"),
    gettext_noop("期间所在年度村情档案中经营收入、发包及上交收入、投资收益三项之和（消薄口径）。"),
    gettext_noop("村民人均可支配收入"),
    gettext_noop(
        "村民可支配收入总额除以户籍人口，按人口加权：镇、区的人均收入不是各村人均收入的简单平均。"
    ),
    gettext_noop("户籍人口"),
    gettext_noop("期间所在年度村情档案中的户籍人口合计（只计已填报档案的村）。"),
    gettext_noop("集体经济薄弱村数"),
    gettext_noop(
        "期间所在年度村情档案中属于集体经济薄弱村的村数。按当年有效的薄弱村认定规则（“薄弱村认定规则”登记簿，镇规则优先于区规则）判定；默认标准为年集体经济总收入低于10万元且经营性收入低于5万元。未填报档案或所在辖区未设规则的村不计入。"
    ),
    gettext_noop("集体经济薄弱村占比"),
    gettext_noop("集体经济薄弱村数占村(社区)数的百分比。"),
    gettext_noop("走亲连心走访次数"),
    gettext_noop("期间内干部“走亲连心三服务”走访村(社区)、农户和企业的次数，计入被走访的村。"),
    gettext_noop("走访收集问题数"),
    gettext_noop("期间内走访（同“走亲连心走访次数”）中群众反映、干部收集的问题个数之和。"),
    gettext_noop("走访解决问题数"),
    gettext_noop("期间内走访中收集并已解决的问题个数之和（按走访记录登记的解决数）。"),
    gettext_noop("微心愿平均实现天数"),
    gettext_noop(
        "期间内实现的微心愿从收集到确认实现平均用的天数：实现微心愿累计用时 ÷ 实现微心愿数。上级的值按全部心愿计算，不是下级平均数的平均。"
    ),
    gettext_noop("认领微心愿数"),
    gettext_noop(
        "期间内被党员或党组织认领的微心愿个数，按首次认领日期计；认领超期或放弃后再次认领的，只计一次。"
    ),
    gettext_noop("实现微心愿累计用时"),
    gettext_noop(
        "期间内实现的微心愿（同“实现微心愿数”）从收集到确认实现的天数之和，用于计算平均实现天数。"
    ),
    gettext_noop("实现微心愿数"),
    gettext_noop(
        "期间内实现的微心愿个数：认领人报告实现、村干部向心愿人核实确认并办结的，按确认日期计。只报告未确认的不计。"
    ),
    gettext_noop("收集微心愿数"),
    gettext_noop(
        "期间内收集的群众微心愿个数（按收集日期），含村干部登记、走访收集和群众网上提交的，也含核实后下架的。心愿计入所在的村(社区)。"
    ),
    gettext_noop("各{children}村级集体经济收入"),
    gettext_noop("各{children}党员人数"),
    gettext_noop("{children}村民人均可支配收入排名"),
    gettext_noop("{children}村级集体经济收入排名"),
)
UNITS = (
    pgettext_lazy("unit", "元"),
    pgettext_lazy("unit", "万元"),
    pgettext_lazy("unit", "亿元"),
    pgettext_lazy("unit", "人"),
    pgettext_lazy("unit", "万人"),
    pgettext_lazy("unit", "人次"),
    pgettext_lazy("unit", "万人次"),
    pgettext_lazy("unit", "个"),
    pgettext_lazy("unit", "户"),
    pgettext_lazy("unit", "家"),
    pgettext_lazy("unit", "项"),
    pgettext_lazy("unit", "次"),
    pgettext_lazy("unit", "名"),
    pgettext_lazy("unit", "亩"),
    pgettext_lazy("unit", "万亩"),
    pgettext_lazy("unit", "公斤"),
    pgettext_lazy("unit", "公斤/亩"),
    pgettext_lazy("unit", "%"),
    pgettext_lazy("unit", "分"),
    pgettext_lazy("unit", "天"),
    pgettext_lazy("unit", "年"),
)
