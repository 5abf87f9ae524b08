from xingcun.core.forms import ScopedModelForm, scoped_formfield
from xingcun.projects.models import Project


class ProjectForm(ScopedModelForm):
    area_levels = {"area": {3, 4, 5}, "villages": {5}}

    class Meta:
        model = Project
        fields = [
            "code",
            "name",
            "kind",
            "area",
            "villages",
            "sponsor_organisation",
            "sponsor_person",
            "investment",
            "status",
            "signed_on",
            "landed_on",
        ]
        formfield_callback = scoped_formfield
