from xingcun.core.forms import ScopedModelForm, scoped_formfield
from xingcun.villages.models import VillageProfile, WeakVillageRule


class VillageProfileForm(ScopedModelForm):
    area_levels = {"area": {5}}

    class Meta:
        model = VillageProfile
        fields = [
            "area",
            "year",
            "population",
            "households",
            "per_capita_income",
            "operating_income",
            "contract_income",
            "investment_income",
            "subsidy_income",
            "other_income",
            "debt",
            "industries",
        ]
        formfield_callback = scoped_formfield


class WeakVillageRuleForm(ScopedModelForm):
    area_levels = {"area": {3, 4}}

    class Meta:
        model = WeakVillageRule
        fields = [
            "area",
            "name",
            "valid_from",
            "valid_to",
            "total_income_below",
            "operating_income_below",
            "basis",
        ]
        formfield_callback = scoped_formfield
