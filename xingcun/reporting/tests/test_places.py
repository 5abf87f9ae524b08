"""Every place a village or town is named leads to its 360° page (村情全景): a crawl of the main
pages of each staff role checks that every name of a node on a page is a link to that node's page
(or, where the name itself drills down, that the node's page is linked beside it)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django_scopes import scopes_disabled

from xingcun.core.permissions import Role
from xingcun.reporting.tests.factories import profile, profile_task

SKIPPED = {"title", "option", "script", "style", "textarea", "select"}


class Names(HTMLParser):
    """Text runs of a page with the anchor they sit in (None outside anchors)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.anchor: str | None = None
        self.runs: list[tuple[str, str | None]] = []
        self.hrefs: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.anchor = dict(attrs).get("href") or ""
            self.hrefs.add(self.anchor)
        if tag in SKIPPED:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.anchor = None
        if tag in SKIPPED and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not self.stack and data.strip():
            self.runs.append((data, self.anchor))


def unlinked_names(html: str, nodes: list, url: str = "") -> list[str]:
    """Names of `nodes` on the page that neither link to the node's page nor sit in a link while
    the node's page is linked elsewhere on the page (the node's own page at `url` may name it)."""
    parser = Names()
    parser.feed(html)
    problems = []
    for node in nodes:
        page = f"/reporting/{'villages' if node.level == 5 else 'towns'}/{node.code}/"
        if url == page:
            continue
        for text, anchor in parser.runs:
            if node.display_name not in text:
                continue
            if anchor == page:
                continue
            if anchor is not None and page in parser.hrefs:
                continue
            problems.append(f"{node.display_name} in {text.strip()[:40]!r} (link {anchor})")
    return problems


@pytest.fixture
def cycle(tree):
    from xingcun.wishes.models import Wish

    for v in (tree.village_a, tree.village_a2, tree.village_b, tree.village_b2):
        profile(v, year=2019)
        profile(v, year=2020)
    task = profile_task(tree)
    with scopes_disabled():  # fixture rows
        Wish.objects.create(
            area=tree.village_a,
            title="修缮路灯",
            content="村口路灯损坏",
            category=Wish.Category.choices[0][0],
            wisher_name="张三",
            status=Wish.Status.OPEN,
            number="W2020-0001",
            submitted_on="2020-05-01",
            verified_on="2020-05-02",
            published_on="2020-05-03",
        )
    return task


def _pages(tree, role):
    node = tree.district if role == Role.DISTRICT else tree.town_a
    return [
        "/",
        "/reporting/todo/",
        "/reporting/tasks/",
        "/reporting/completeness/",
        "/indicators/?year=2020",
        f"/indicators/area/{tree.town_a.code}/?year=2020",
        f"/indicators/villages.collective_income/{node.code}/2020/",
        f"/indicators/villages.collective_income/{tree.town_a.code}/2020/",
        "/r/profiles/",
        "/wishes/",
        f"/reporting/towns/{tree.town_a.code}/",
    ]


@pytest.mark.parametrize("role", [Role.DISTRICT, Role.TOWN])
def test_every_village_and_town_name_links_to_its_panorama(tree, cycle, client_as, role):
    area = tree.district if role == Role.DISTRICT else tree.town_a
    client = client_as(role, area)
    nodes = [tree.village_a, tree.village_a2, tree.town_a]
    if role == Role.DISTRICT:
        nodes += [tree.village_b, tree.village_b2, tree.town_b]
    named = 0
    for url in _pages(tree, role):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        named += sum(n.display_name in html for n in nodes)
        assert unlinked_names(html, nodes, url) == [], url
    assert named >= 10  # the pages do name the places (the check is not vacuous)


def test_checker_flags_a_bare_name():
    from types import SimpleNamespace

    node = SimpleNamespace(level=5, code="330112108230", display_name="白牛村")
    assert unlinked_names("<td>白牛村</td>", [node])
    assert not unlinked_names(f'<a href="/reporting/villages/{node.code}/">白牛村</a>', [node])


def test_names_are_text_for_roles_without_the_panorama(tree, cycle, client_as):
    client = client_as(Role.MEMBER, tree.village_a)
    html = client.get("/wishes/").content.decode()
    assert "/reporting/villages/" not in html
