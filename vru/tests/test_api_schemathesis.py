"""The API answers as its OpenAPI schema says, for every role: a schemathesis run over every operation.

Each operation is called with a few generated requests, valid and invalid, as each persona
and anonymously, against the WSGI application in-process (the test's database, no server).
Every answer must be no 5xx, and its status code, content type and body must be ones the
schema declares for the operation. Valid requests on one record name a seeded record (see
``api_seed``), so reads, updates and actions reach real rows; invalid ones try any id.

Hypothesis is derandomized (the same requests every run) and does not shrink; the run
is bounded by ``EXAMPLES`` per operation and role.
"""

import secrets
import time
from collections import Counter
from dataclasses import dataclass, field

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from vru.tests.api_seed import seed_api

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "admin", "staff", "manager", "prg", "partner"]
# Requests per operation and role. Without credentials every operation but the public
# funding rounds answers 401 before it reads the request, so two tell as much as more.
EXAMPLES = {"anonymous": 2}
DEFAULT_EXAMPLES = 5
OPERATIONS = {"get", "post", "put", "patch", "delete"}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def hypothesis_run(examples: int):
    return hypothesis_settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )


class KeepConnectionWSGIHandler(WSGIHandler):
    """The site's WSGI application, keeping the test's database connection open between requests.

    As Django's test client does: at the end of a request Django closes the connection,
    which would lose the test's transaction and its records.
    """

    def __call__(self, environ, start_response):
        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)
        try:
            return super().__call__(environ, start_response)
        finally:
            signals.request_started.connect(close_old_connections)
            signals.request_finished.connect(close_old_connections)


@dataclass
class Run:
    statuses: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)


def credentials(user) -> dict:
    """A signed-in session's cookie and a CSRF token, as a browser client of the API sends them."""
    if user is None:
        return {"headers": {}, "cookies": {}}
    client = Client()
    client.force_login(user)
    csrf = secrets.token_hex(16)  # a 32-character secret, sent as cookie and header alike
    return {
        "headers": {"X-CSRFToken": csrf},
        "cookies": {"sessionid": client.cookies["sessionid"].value, "csrftoken": csrf},
    }


def known_ids(schema_paths, admin) -> dict[str, int]:
    """The id of one record of each collection, read from the API as an admin sees it."""
    client = Client()
    client.force_login(admin)
    ids = {}
    for path in schema_paths:
        if "{" in path:
            continue
        response = client.get(path)
        if response.status_code != 200:
            continue
        body = response.json()
        rows = body.get("results", []) if isinstance(body, dict) else body
        if rows:
            ids[path] = rows[0]["id"]
    return ids


def operation_strategy(operation, ids):
    """Valid and invalid requests; on one record, valid ones name a seeded record, invalid ones any id."""
    media_types = {alternative.media_type for alternative in operation.body}
    media_type = "application/json" if "application/json" in media_types else None
    known = {}
    collection = operation.path.split("{id}")[0]
    if "{id}" in operation.path and collection in ids:
        known = {"path_parameters": {"id": ids[collection]}}
    positive, negative = schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE
    strategies = [
        operation.as_strategy(positive, media_type=media_type, **known),
        operation.as_strategy(negative, media_type=media_type),
    ]
    if known:
        strategies.append(operation.as_strategy(negative, media_type=media_type, **known))
    return st.one_of(strategies)


def exercise(operation, strategy, auth, examples: int, run: Run) -> None:
    @hypothesis_run(examples)
    @given(case=strategy)
    def call(case):
        response = case.call(headers=auth["headers"], cookies=auth["cookies"])
        run.statuses[response.status_code] += 1
        case.validate_response(response, checks=CHECKS)

    try:
        call()
    except (Exception, BaseExceptionGroup) as error:  # every failure is reported together below
        summary = " ".join(str(error).split())[:1500]
        run.failures.append(f"{operation.method.upper()} {operation.path}: {summary}")


@pytest.mark.parametrize("role", ROLES)
def test_every_operation_answers_as_the_schema_says(personas, role, settings):
    settings.DEBUG = False  # answers as in production: Django's error pages, not its debugging ones
    seed_api(personas)
    staff = Client()
    staff.force_login(personas["staff"])
    raw = staff.get("/api/schema/", {"format": "json"}).json()
    schema = schemathesis.openapi.from_dict(raw)
    schema.app = KeepConnectionWSGIHandler()
    ids = known_ids(raw["paths"], personas["admin"])
    auth = credentials(None if role == "anonymous" else personas[role])

    run = Run()
    started = time.monotonic()
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        exercise(operation, operation_strategy(operation, ids), auth, EXAMPLES.get(role, DEFAULT_EXAMPLES), run)
    seconds = time.monotonic() - started
    answers = ", ".join(f"{code}: {count}" for code, count in sorted(run.statuses.items()))
    print(
        f"\n{role}: {len(operations)} operations, {run.statuses.total()} requests ({answers}), "
        f"{len(run.failures)} operations failing, {seconds:.1f}s"
    )
    assert not run.failures, "\n".join(run.failures)
    assert len(operations) == sum(method in OPERATIONS for path in raw["paths"].values() for method in path)
    assert sum(count for code, count in run.statuses.items() if code < 300) > 0, "no request succeeded"
