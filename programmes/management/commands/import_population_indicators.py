"""``manage.py import_population_indicators FILE [--demo]``: borough figures of the population indicators."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from programmes.models import ImportStatus
from programmes.population.importing import population_import_create, population_import_run
from programmes.population.parsing import HEADER, check_upload_size, describe, read_csv_bytes


class Command(BaseCommand):
    help = (
        f"Import population indicators' borough figures from a CSV file with the columns {HEADER} "
        "(see docs/sample-population-indicators.csv). The file is checked first: with any bad row nothing "
        "is imported and every problem is listed. Importing the same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The CSV file, UTF-8.")
        parser.add_argument(
            "--demo", action="store_true", help="Mark the figures as invented demo data, never official statistics."
        )

    def handle(self, *args, file: Path, demo: bool, **options):
        try:
            # The size is checked before reading, so a huge file is not loaded only to be refused.
            check_upload_size(file.stat().st_size)
            content = read_csv_bytes(file.read_bytes(), file_name=file.name)
        except FileNotFoundError:
            raise CommandError(f"There is no file at {file}.") from None
        except IsADirectoryError:
            raise CommandError(f"{file} is a folder, not a CSV file.") from None
        except ValidationError as error:
            raise CommandError(f"{file}: {' '.join(error.messages)} Nothing was imported.") from None

        # Run here and now rather than by a worker: whoever runs the command waits for the answer.
        upload = population_import_create(file_name=file.name, content=content, is_demo=demo, send=False)
        upload = population_import_run(upload.pk)
        if upload.status != ImportStatus.DONE:
            for error in upload.errors:
                self.stderr.write(describe(error))
            raise CommandError(f"Nothing was imported from {file}: correct the rows above and run the command again.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {file}: {upload.created_count} created, {upload.updated_count} updated, "
                f"{upload.unchanged_count} unchanged."
            )
        )
