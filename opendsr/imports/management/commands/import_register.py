"""`opendsr import-register FILE --icb ODS_CODE [--dry-run]`: import an existing register from a spreadsheet.

The same checks as the import page, with the columns recognised from their headers (and the ICB's saved
mapping). Prints a summary and one line per rejected row (`row N: reason`). Exit codes: 0 when every row was
imported (or was already on the register), 2 when any row is rejected (nothing is written), 1 when the file or
the ICB cannot be found. A row with the same name and date of birth as someone on the register but another NHS
number is a decision for a person, so the command rejects it too ("decide on the import page").
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from opendsr.accounts.models import Organisation, OrganisationKind, Role, User
from opendsr.imports import columns, queries, reading, services
from opendsr.imports.models import ImportStatus

REJECTED = 2


class Command(BaseCommand):
    help = "Import people from a spreadsheet (CSV or .xlsx) onto an ICB's register: all rows or none."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The spreadsheet: a .csv or .xlsx file, with a header row")
        parser.add_argument("--icb", required=True, help="The ICB's ODS code")
        parser.add_argument("--dry-run", action="store_true", help="Check the rows and write nothing")
        parser.add_argument(
            "--by",
            default="",
            help="The email of the user to record the import as (default: the ICB's DSR lead)",
        )

    def handle(self, *args, file, icb, dry_run, by, **options):
        path = Path(file)
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}") from error
        board = Organisation.objects.filter(ods_code__iexact=icb.strip(), kind=OrganisationKind.ICB).first()
        if board is None:
            raise CommandError(f"No ICB has the ODS code {icb}")
        user = self._user(board, by)
        try:
            sheet = reading.read(content, path.name)
        except reading.SpreadsheetError as error:
            raise CommandError(f"{file}: {error}") from error
        register_import = services.new_import(icb=board, by=user, sheet=sheet, file_name=path.name)
        mapping = queries.mapping_of(register_import)
        missing = columns.missing_required(mapping)
        if missing:
            raise CommandError(
                f"{file}: no column is headed as the {missing[0].label} (for example 'NHS No')"
            )
        ignored = [h for pos, h in enumerate(sheet.headers) if h and pos not in mapping]
        plan = queries.plan(register_import)
        out = self.stdout
        out.write(f"{path.name}: {plan.rows} rows for {board.name}")
        out.write(f"  to add: {len(plan.to_add)}")
        out.write(f"  already on the register (same NHS number): {len(plan.already)}")
        out.write(f"  possibly already on the register (same name and date of birth): {len(plan.possible)}")
        out.write(f"  rejected: {len(plan.rejected)}")
        if ignored:
            out.write(f"  columns ignored: {', '.join(ignored)}")
        lines = [(row.number, row.reason) for row in plan.rejected] + [
            (
                m.row.number,
                f"possibly already on the register as {m.person.full_name}, born {m.person.date_of_birth:%d/%m/%Y}"
                " (same name and date of birth, another NHS number): decide on the import page",
            )
            for m in plan.possible
        ]
        for number, reason in sorted(lines):
            out.write(f"row {number}: {reason}")
        if lines:
            raise CommandError(
                f"{len(lines)} rows cannot be imported: nothing was written", returncode=REJECTED
            )
        if dry_run:
            out.write(f"Dry run: nothing was written. {len(plan.to_add)} people would be added.")
            return
        register_import.save()
        register_import = services.start(register_import=register_import, by=user, excluded=[], decisions={})
        register_import = services.run(register_import.pk)
        if register_import.status != ImportStatus.DONE:
            raise CommandError(register_import.error or "The import failed: nothing was written")
        out.write(f"Imported {register_import.summary['added']} people (import {register_import.pk}).")

    def _user(self, board, email: str) -> User:
        if email:
            user = User.objects.filter(email__iexact=email, icb=board, is_active=True).first()
            if user is None:
                raise CommandError(f"No active user of {board.name} has the email {email}")
            return user
        user = User.objects.filter(icb=board, role=Role.DSR_LEAD, is_active=True).order_by("pk").first()
        if user is None:
            raise CommandError(f"{board.name} has no DSR lead to record the import as: give --by EMAIL")
        return user
