"""Names of the sheets of an import workbook. They are part of the file format: an import reads the
data sheet back by its name, so a template downloaded in English imports in Chinese and the other
way round. The same in every language, hence not messages."""

DATA_SHEET = "数据"
HELP_SHEET = "填写说明"
CHOICES_SHEET = "选项"
