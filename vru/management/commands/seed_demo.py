"""``manage.py seed_demo``: demo accounts, one per role, and a dozen plausible programmes.

Only for a machine with DEBUG on: every account shares a known password. Dates
are worked out from today, so the demo always looks current. Everything is
written through the programme services, with the lead officer as the user, so
the change history reads as if staff had entered it. Running it again adds what
is missing and leaves what is there untouched: accounts are found by username
and programmes by title.
"""

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from vru.demo import commissioning, organisations, plans, prg, reports, seed
from vru.demo.data import ACCOUNTS
from vru.roles import ROLE_LABELS

# --- The command ----------------------------------------------------------------


class Command(BaseCommand):
    help = (
        "Create demo accounts (one per role, password DEMO_PASSWORD) and a dozen demo programmes "
        "with milestones and indicators. Only runs with DEBUG=1; running it again changes nothing."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo makes demo accounts with a known password; it only runs with DEBUG=1.")
        today = timezone.localdate()
        with transaction.atomic():
            accounts, new_accounts = seed.ensure_accounts()
            staff, new_staff = seed.ensure_extra_staff()
            users = {user.username: user for user in [*accounts, *staff]}
            new_programmes = seed.ensure_programmes(users, today)
            # Partners before plans and the PRG, which refer to their organisations.
            new_partner_records = sum(
                part.seed(users, today) for part in (organisations, plans, prg, commissioning, reports)
            )

        if new_accounts or new_staff or new_programmes or new_partner_records:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created {len(new_accounts) + len(new_staff)} users, {len(new_programmes)} programmes "
                    f"and {new_partner_records} partner, plan, PRG and commissioning records."
                )
            )
        else:
            self.stdout.write("The demo data is already there; nothing was changed.")
        self._write_accounts(accounts, fresh={user.username for user in new_accounts})

    def _write_accounts(self, users, *, fresh):
        password = settings.DEMO_PASSWORD
        rows = []
        for account, user in zip(ACCOUNTS, users, strict=True):
            # An existing account may have had its password changed since the last run.
            if user.username in fresh or check_password(password, user.password):
                shown = password
            else:
                shown = "(changed since seeding)"
            rows.append((user.username, ROLE_LABELS[account.role], shown, account.who))
        headings = ("Username", "Role", "Password", "Who")
        widths = [max(len(row[index]) for row in [headings, *rows]) for index in range(len(headings))]
        self.stdout.write("\nDemo accounts:")
        for row in [headings, *rows]:
            self.stdout.write(
                "  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            )
        self._write_two_factor()

    def _write_two_factor(self):
        required = settings.TWO_FACTOR_REQUIRED_ROLES
        if required:
            self.stdout.write(
                f"\nTwo-factor authentication is required for: {', '.join(required)}. Those accounts are asked to "
                "set up an authenticator app right after their password."
            )
        else:
            self.stdout.write(
                "\nThe demo accounts sign in with their password alone. To try two-factor authentication, sign in "
                'and open "Two-factor authentication" in the header, or run with TWO_FACTOR_REQUIRED_ROLES=staff '
                "and sign in as staff."
            )
