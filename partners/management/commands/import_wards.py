"""``manage.py import_wards FILE``: London's electoral wards from the ONS ward lookup."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from partners.services.wards import WardImportError, wards_import


class Command(BaseCommand):
    help = (
        "Import London's wards from the ONS 'Ward to Local Authority District' lookup CSV (columns such as "
        "WD24CD, WD24NM, LAD24CD). Rows outside London are skipped. A file with any bad row imports nothing; "
        "importing the same file again changes nothing, and a newer one renames wards."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The lookup CSV, as downloaded from the ONS Open Geography Portal.")

    def handle(self, *args, file: Path, **options):
        try:
            # utf-8-sig: the ONS files start with a byte order mark.
            with file.open(encoding="utf-8-sig", newline="") as stream:
                result = wards_import(stream=stream)
        except FileNotFoundError:
            raise CommandError(f"There is no file at {file}.") from None
        except IsADirectoryError:
            raise CommandError(f"{file} is a folder, not a CSV file.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{file} is not UTF-8 text: save it as CSV UTF-8 and try again.") from None
        except WardImportError as error:
            for message in error.messages:
                self.stderr.write(message)
            problems = len(error.messages)
            raise CommandError(
                f"Nothing was imported: {problems} problem{'s' if problems != 1 else ''} in {file}."
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"London wards from {file}: {result.created} new, {result.updated} renamed or moved, "
                f"{result.unchanged} unchanged; {result.outside_london} rows outside London skipped."
            )
        )
