"""Set up an authenticator app (TOTP) for a user, e.g. a clinical reviewer who must use one.

    manage.py add_totp_device alice

prints the key and an otpauth:// link to add to the app (most apps accept either). The device
is confirmed at once: the administrator hands the key over in person or over a safe channel.
"""

from base64 import b32encode

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Set up a TOTP authenticator app for a user and print its key."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="Authenticator app", help="A name for the device.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete the user's other TOTP devices (a lost phone).",
        )

    @transaction.atomic
    def handle(self, *args, username, name, replace, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user is called {username!r}.") from None
        if replace:
            deleted, _ = TOTPDevice.objects.filter(user=user).delete()
            if deleted and options["verbosity"] >= 1:
                self.stdout.write(f"Deleted {deleted} earlier device(s).")
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
        self.stdout.write(self.style.SUCCESS(f"Set up {name!r} for {username}."))
        self.stdout.write(f"Key (base32): {_base32(device.bin_key)}")
        self.stdout.write(f"Link: {device.config_url}")


def _base32(key):
    return b32encode(key).decode()
