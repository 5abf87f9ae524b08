from xingcun.core.forms import ScopedModelForm, scoped_formfield
from xingcun.people.models import Household, PartyMember, Person


class PersonForm(ScopedModelForm):
    area_levels = {"area": {4, 5}}

    class Meta:
        model = Person
        fields = ["name", "id_number", "gender", "birth_date", "phone", "area"]
        formfield_callback = scoped_formfield


class PartyMemberForm(ScopedModelForm):
    class Meta:
        model = PartyMember
        fields = [
            "person",
            "organisation",
            "joined_on",
            "status",
            "holds_office",
            "category",
            "returned_entrepreneur",
            "floating",
            "left_on",
        ]
        formfield_callback = scoped_formfield


class HouseholdForm(ScopedModelForm):
    area_levels = {"area": {5}}

    class Meta:
        model = Household
        fields = ["number", "area", "head", "size", "is_demonstration", "is_low_income"]
        formfield_callback = scoped_formfield
