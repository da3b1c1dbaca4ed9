"""``manage.py export_360giving``: the 360Giving data package of every awarded grant, for publishing as a file."""

import json
from pathlib import Path
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError

from commissioning.giving360 import build_package, dumps, package_errors
from commissioning.giving360.validation import default_schema_dir
from commissioning.selectors.transparency import published_grants


class Command(BaseCommand):
    help = (
        "Write the 360Giving JSON data package of every awarded grant (the same as /grants/360giving.json) "
        "to standard output or --output; --validate checks it against the standard's schema first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="Write to this file instead of standard output.")
        parser.add_argument(
            "--site-url",
            help="The site's address, such as https://vru.example.org, to give each grant its public page's link.",
        )
        parser.add_argument(
            "--validate",
            action="store_true",
            help="Check the package against the 360Giving schema and write nothing if it is not valid.",
        )
        parser.add_argument(
            "--schema-dir", type=Path, help="Where the standard's schema files are (by default the copy kept here)."
        )

    def handle(self, *args, output=None, site_url=None, validate=False, schema_dir=None, **options):
        base_url = None
        if site_url:
            parts = urlsplit(site_url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise CommandError(f"--site-url must be an address such as https://vru.example.org, not {site_url!r}.")
            base_url = f"{parts.scheme}://{parts.netloc}"
        package = build_package(published_grants(), base_url=base_url)
        if validate:
            self._validate(package, schema_dir)
        text = dumps(package, indent=2)
        if output is None:
            self.stdout.write(text)
            return
        output.write_text(text + "\n", encoding="utf-8")
        count = len(package["grants"])
        self.stderr.write(self.style.SUCCESS(f"Wrote {count} grant{'s' if count != 1 else ''} to {output}."))

    def _validate(self, package: dict, schema_dir: Path | None) -> None:
        # Validate what will be written: numbers and dates as they come out of JSON.
        try:
            errors = package_errors(json.loads(dumps(package)), schema_dir=schema_dir or default_schema_dir())
        except FileNotFoundError as error:
            raise CommandError(f"The 360Giving schema was not found: {error}") from None
        if errors:
            for message in errors:
                self.stderr.write(message)
            raise CommandError(
                f"The package is not valid 360Giving data ({len(errors)} problems); nothing was written."
            )
        self.stderr.write(self.style.SUCCESS("The package is valid 360Giving data."))
