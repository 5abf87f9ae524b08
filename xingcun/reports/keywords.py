"""The keywords of the report template language ({{指标:代码}}, {{如果:…}}…{{结束}}): syntax
that stored templates are written in, not messages, so kept out of the catalogue."""

INDICATOR_PREFIX = "指标"
KEY_AREA, KEY_PERIOD, KEY_DISPLAY, KEY_UNIT = "区划", "期间", "显示", "单位"
DISPLAY_NUMBER, DISPLAY_UNIT = "数值", "带单位"
KEY_IF, KEY_ELIF, KEY_ELSE, KEY_END = "如果", "否则如果", "否则", "结束"
KEY_AS_OF, KEY_CHILDREN, KEY_SETTING, KEY_LEVEL, KEY_NOT = "截至", "下级", "设置", "层级", "非"
KEY_WHOLE, KEY_PROJECT, KEY_ORGANISATION = "全域", "示范项目", "党组织"
LEVEL_WORDS = {
    "区": 3,
    "县": 3,
    "区县": 3,
    "镇": 4,
    "街道": 4,
    "镇街": 4,
    "村": 5,
    "社区": 5,
    "村社": 5,
}
OR, AND = "或", "且"  # alternatives and conjunctions of a condition
# Settings a template quotes ({{设置:举措起始年}}) and the unit written after a year.
SETTING_MEASURES_START_YEAR, YEAR_UNIT = "举措起始年", "年"
