"""The migration that retires DRF's clear-text tokens leaves none behind."""

import importlib

import pytest
from django.db import connection
from django.utils import timezone

pytestmark = pytest.mark.django_db

migration = importlib.import_module("api_tokens.migrations.0002_drop_clear_drf_tokens")


def test_the_clear_token_table_is_dropped_and_its_migrations_forgotten():
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, user_id integer)")
        cursor.execute("INSERT INTO authtoken_token VALUES ('0123456789abcdef0123456789abcdef01234567', 1)")
        cursor.execute(
            "INSERT INTO django_migrations (app, name, applied) VALUES ('authtoken', '0001_initial', %s)",
            [timezone.now()],
        )

    with connection.schema_editor() as editor:
        migration.drop_clear_tokens(None, editor)

    assert "authtoken_token" not in connection.introspection.table_names()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM django_migrations WHERE app = 'authtoken'")
        assert cursor.fetchone()[0] == 0
