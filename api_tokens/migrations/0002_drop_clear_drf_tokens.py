"""DRF's authtoken kept every token in clear and never expired them: its table goes, and every such token stops.

They are not carried over as hashed tokens: any copy of the database made before now (a backup)
holds them in clear, so they must not work again. Their owners make new tokens under API tokens.
"""

from django.db import migrations

OLD_TABLE = "authtoken_token"


def drop_clear_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if OLD_TABLE in connection.introspection.table_names():
        schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(OLD_TABLE)}")
    # rest_framework.authtoken is no longer installed: forget its migrations, so that installing
    # it again would create its table afresh rather than believe it is there.
    schema_editor.execute("DELETE FROM django_migrations WHERE app = %s", ["authtoken"])


class Migration(migrations.Migration):
    dependencies = [("api_tokens", "0001_api_tokens")]

    operations = [migrations.RunPython(drop_clear_tokens, migrations.RunPython.noop)]
