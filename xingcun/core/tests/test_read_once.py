"""A GET request reads the tables' versions once (core.middleware.ReadOnceMiddleware); other
requests, and work outside a request, read them afresh each time."""

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

from xingcun.core import versions
from xingcun.core.middleware import ReadOnceMiddleware
from xingcun.core.permissions import Role

pytestmark = pytest.mark.django_db


def _bump(table):
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET name = name")  # noqa: S608 - a test table


def _version_reads(queries):
    return [q for q in queries if versions.TABLE in q["sql"] and "SELECT" in q["sql"]]


def test_inside_read_once_the_versions_are_read_once(tree):
    with versions.read_once(), CaptureQueriesContext(connection) as queries:
        first = versions.current()
        _bump("core_area")
        again = versions.current()
    assert again == first
    assert len(_version_reads(queries.captured_queries)) == 1
    assert versions.current() != first  # outside it, the write is seen


def test_without_read_once_every_call_reads_them(tree):
    first = versions.current()
    _bump("core_area")
    assert versions.current() != first


@pytest.fixture
def district_client(make_user, tree):
    client = Client()
    client.force_login(make_user(Role.DISTRICT, tree.district))
    client.get("/")  # warm: the process keeps the session's user
    return client


@pytest.mark.parametrize("path", ["/", "/indicators/", "/r/members/"])
def test_a_page_reads_the_versions_once(district_client, path):
    with CaptureQueriesContext(connection) as queries:
        assert district_client.get(path).status_code == 200
    assert len(_version_reads(queries.captured_queries)) == 1


@pytest.mark.parametrize(("method", "kept"), [("get", True), ("head", True), ("post", False)])
def test_only_a_get_or_head_request_keeps_what_it_read(rf, tree, method, kept):
    def view(request):
        first = versions.current()
        _bump("core_area")
        return HttpResponse(str(versions.current() == first))

    response = ReadOnceMiddleware(view)(getattr(rf, method)("/"))
    assert response.content == str(kept).encode()
