"""`opendsr send_reminders`: email each user what is overdue or due soon for the people they may see."""

from django.core.management.base import BaseCommand

from opendsr.oversight.reminders import send_reminders


class Command(BaseCommand):
    help = "Send today's reminder emails and print how many were sent."

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"Sent {sent} reminder email{'' if sent == 1 else 's'}.")
