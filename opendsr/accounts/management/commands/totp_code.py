from django.core.management.base import BaseCommand, CommandError

from opendsr.accounts import totp
from opendsr.accounts.models import User


class Command(BaseCommand):
    help = "Print the current 6-digit security code of a user's authenticator (for demo and test accounts)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--key", action="store_true", help="Print the key to add to an authenticator app")

    def handle(self, *args, email, key=False, **options):
        user = User.objects.filter(email=email.lower()).first()
        if user is None:
            raise CommandError(f"No user with the email address {email}")
        device = totp.confirmed_device(user)
        if device is None:
            raise CommandError(f"{email} has not set up a security code yet")
        self.stdout.write(totp.secret_base32(device) if key else totp.current_code(device))
