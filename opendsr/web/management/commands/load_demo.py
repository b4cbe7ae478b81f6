"""Load the fictional demo ICB: organisations, users, people and their records. Safe to run twice."""

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

from opendsr.accounts import demo as accounts_demo

# Each domain app may offer `demo.load(context)`; they run in this order, each adding to the context.
APPS = [
    "register",
    "inpatients",
    "referrals",
    "reviews",
    "oversight",
    "meetings",
    "reporting",
    "imports",
    "public",
    "records",
]


class Command(BaseCommand):
    help = "Load the fictional demo data (idempotent) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Do not print the logins")

    def handle(self, *args, quiet=False, **options):
        with transaction.atomic():
            context = accounts_demo.load()
            for app in APPS:
                try:
                    module = importlib.import_module(f"opendsr.{app}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"opendsr.{app}.demo":
                        raise
                    continue
                module.load(context)
        if quiet:
            return
        self.stdout.write("")
        self.stdout.write("OpenDSR demo: http://127.0.0.1:8000")
        self.stdout.write(f"Every demo account's password: {accounts_demo.DEMO_PASSWORD}")
        for email, _first, _last, role, _profession, _team in accounts_demo.USERS:
            self.stdout.write(f"  {email:<36} {role.label}")
        self.stdout.write("Security code (second factor): in another terminal run")
        self.stdout.write("  DEBUG=1 .venv/bin/opendsr totp_code EMAIL")
        self.stdout.write(
            "or add the account to an authenticator app with its key from the same command's --key."
        )
        self.stdout.write("")
