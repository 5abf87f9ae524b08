"""The write paths of a village profile's population (register form, import, import command,
admin), as the tests of the figure cache and of the page cache drive them."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from xingcun.accounts.models import User
from xingcun.core import registry
from xingcun.core.imports import import_table
from xingcun.core.tabular import read_table, write_csv
from xingcun.core.tests.clients import login
from xingcun.villages.models import VillageProfile


def profiles_csv(district: Any, population: int) -> bytes:
    """The district's profiles as exported, every population set to `population`."""
    reg = registry.get("profiles")
    with scope(area=district.path):
        rows = list(reg.export_rows(reg.queryset(), show_pii=True))
    headers = [str(c.header) for c in reg.columns]
    index = headers.index(str(reg.header_of("population")))
    for row in rows:
        row[index] = population
    return write_csv(headers, rows)


def as_posted(form: Any) -> dict[str, Any]:
    """A bound form's fields as the browser posts them back unchanged."""
    return {f.html_name: "" if f.value() is None else f.value() for f in form}


def by_form(tree: Any, client: Client, population: int) -> None:
    """village_b's 2020 profile edited through the register's form by `client`."""
    with scopes_disabled():
        profile = VillageProfile.objects.get(area=tree.village_b, year=2020)
    with scope(area=tree.district.path):
        data = as_posted(registry.get("profiles").form_class(instance=profile))
    data["population"] = population
    response = client.post(reverse("core:profiles-edit", args=[profile.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def by_import(tree: Any, population: int) -> None:
    """Every profile of the district imported again with the population `population`."""
    table = read_table(profiles_csv(tree.district, population), "p.csv", max_bytes=10 * 1024 * 1024)
    with scope(area=tree.district.path):
        result = import_table(
            registry=registry.get("profiles"), table=table, actor=None, filename="p.csv"
        )
    assert result.ok, result.errors


def by_command(tree: Any, tmp_path: Path, population: int) -> None:
    """The same through the `import_records` command."""
    path = tmp_path / "profiles.csv"
    path.write_bytes(profiles_csv(tree.district, population))
    call_command(
        "import_records", "profiles", str(path), area=tree.district.code, stdout=io.StringIO()
    )


def by_admin(tree: Any, added: int) -> None:
    """village_a2's 2020 profile given `added` more people through the Django admin."""
    client = login(User.objects.create_superuser("root", password="x"))
    with scopes_disabled():
        profile = VillageProfile.objects.get(area=tree.village_a2, year=2020)
    url = reverse("admin:villages_villageprofile_change", args=[profile.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = as_posted(page.context["adminform"].form)
    data["population"] = profile.population + added
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
