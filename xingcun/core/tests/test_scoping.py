import pytest
from django_scopes import ScopeError, scope, scopes_disabled

from xingcun.core.models import Area
from xingcun.people.models import Person
from xingcun.people.tests.factories import PersonFactory


def test_query_without_scope_raises(tree):
    with pytest.raises(ScopeError):
        list(Person.objects.all())


def test_scope_limits_rows_to_the_subtree(tree):
    mine = PersonFactory(area=tree.village_a)
    PersonFactory(area=tree.village_b)
    with scope(area=tree.town_a.path):
        assert list(Person.objects.all()) == [mine]


def test_path_prefix_does_not_leak_to_sibling_with_longer_code(tree):
    with scopes_disabled():
        sibling = Area.tree.create(
            code="330112108299",
            name="x",
            level=5,
            parent=tree.town_a,
            path=tree.town_a.path + "3301121082301/",
        )
    PersonFactory(area=sibling)
    with scope(area=tree.village_a.path):
        assert not Person.objects.exists()


def test_areas_are_scoped_by_their_own_path(tree):
    with scope(area=tree.town_b.path):
        codes = set(Area.objects.values_list("code", flat=True))
    assert codes == {tree.town_b.code, tree.village_b.code, tree.village_b2.code}


def test_scope_none_is_the_whole_platform(tree):
    PersonFactory(area=tree.village_a)
    PersonFactory(area=tree.village_b)
    with scope(area=None):
        assert Person.objects.count() == 2


def test_anonymous_request_to_registry_redirects_without_querying(client, tree):
    response = client.get("/r/people/")
    assert response.status_code == 302
