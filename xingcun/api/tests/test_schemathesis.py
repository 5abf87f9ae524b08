"""Property-based tests of every API operation, generated from the OpenAPI document itself:
no answer is a server error, and every answer matches the document (status, content type,
body). A district token makes the requests, in the small tree with a few records, on whichever
database the suite runs on (SQLite, or PostgreSQL with DATABASE_URL).

Examples are few and derandomized so the run is the same each time and stays within the suite's
time budget (a few per operation, about 370 operations)."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.config import (
    CoveragePhaseConfig,
    GenerationConfig,
    PhasesConfig,
    ProjectConfig,
    ProjectsConfig,
    SchemathesisConfig,
)

from xingcun.api import services
from xingcun.core.permissions import Role
from xingcun.organisations.tests.factories import OrganisationFactory
from xingcun.people.tests.factories import PartyMemberFactory

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def openapi_document():
    """The document /api/openapi.json serves (test_openapi checks that they agree)."""
    return SchemaGenerator().get_schema(request=None, public=True)


@pytest.fixture
def keep_connection():
    """Requests go through the WSGI handler, which closes the database connection when a request
    ends; inside a test's transaction (PostgreSQL) that would end the test. Django's own test
    client disconnects the same handler."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def district_token(make_user, tree, keep_connection):
    for village in (tree.village_a, tree.village_b):
        org = OrganisationFactory(area=village)
        PartyMemberFactory(area=village, organisation=org)
    user = make_user(Role.DISTRICT, tree.district)
    return services.token_create(user=user, membership=user.memberships.get(), name="st", days=1)[1]


# A few positive and negative examples per operation, the same every run; the coverage phase
# (dozens of boundary cases per operation) would take minutes over ~370 operations.
CONFIG = SchemathesisConfig(
    projects=ProjectsConfig(
        default=ProjectConfig(
            phases=PhasesConfig(coverage=CoveragePhaseConfig(enabled=False)),
            generation=GenerationConfig(
                modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], deterministic=True
            ),
        )
    )
)
schema = schemathesis.openapi.from_dict(openapi_document(), config=CONFIG)
schema.app = get_wsgi_application()


@schema.parametrize()
@hypothesis_settings(
    max_examples=3,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_documented(case, district_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {district_token}"}, checks=CHECKS)
