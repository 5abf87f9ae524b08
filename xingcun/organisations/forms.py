from xingcun.core.forms import ScopedModelForm, scoped_formfield
from xingcun.organisations.models import BranchMembership, Organisation


class OrganisationForm(ScopedModelForm):
    area_levels = {"area": {3, 4, 5}}

    class Meta:
        model = Organisation
        fields = [
            "code",
            "name",
            "kind",
            "category",
            "area",
            "parent",
            "founded_on",
            "dissolved_on",
            "secretary",
            "industry",
        ]
        formfield_callback = scoped_formfield


class BranchMembershipForm(ScopedModelForm):
    class Meta:
        model = BranchMembership
        fields = ["member", "organisation", "joined_on", "left_on"]
        formfield_callback = scoped_formfield
