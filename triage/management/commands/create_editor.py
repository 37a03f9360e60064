"""Create an account for the editors' admin in one of the two roles.

    manage.py create_editor alice --role editor
    manage.py create_editor rita --role reviewer --email rita@example.org

asks for the password twice, the way createsuperuser does, and checks it against the password
validators (12 characters at least). For scripts, `--noinput` reads it from the environment
variable DJANGO_EDITOR_PASSWORD instead. An Editor changes the draft content and runs the test
cases; a Clinical reviewer may also publish it, and so must also sign in with an authenticator
app: set one up with `manage.py add_totp_device USERNAME` afterwards.
"""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# --role: the group (created by triage/migrations/0003_editor_roles.py).
ROLES = {"editor": "Editor", "reviewer": "Clinical reviewer"}
PASSWORD_ENV = "DJANGO_EDITOR_PASSWORD"  # noqa: S105 (the variable's name, not a password)


class Command(BaseCommand):
    help = (
        "Create a staff user in the Editor or the Clinical reviewer role, asking for a password."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--role",
            required=True,
            choices=sorted(ROLES),
            help="editor: edits the draft content; reviewer: may also publish it (needs 2FA).",
        )
        parser.add_argument("--email", default="", help="The user's email address (optional).")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help=f"Ask nothing: read the password from {PASSWORD_ENV}.",
        )

    def handle(self, *args, username, role, email, interactive, verbosity, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(
                f"A user called {username!r} already exists. Change their role in the admin "
                "(Users, then Groups)."
            )
        try:
            group = Group.objects.get(name=ROLES[role])
        except Group.DoesNotExist:
            raise CommandError(f"The {ROLES[role]} group is missing: run migrate.") from None

        user = User(username=username, email=email, is_staff=True)
        try:
            user.full_clean(exclude=["password"])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        password = self._ask_password(user) if interactive else self._env_password(user)
        user.set_password(password)
        with transaction.atomic():
            user.save()
            user.groups.add(group)

        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(f"Created {username} ({group.name})."))
            if role == "reviewer":
                self.stdout.write(
                    "A Clinical reviewer signs in with a code from an authenticator app too. "
                    f"Set one up now: manage.py add_totp_device {username}"
                )

    def _env_password(self, user):
        password = os.environ.get(PASSWORD_ENV, "")
        if not password:
            raise CommandError(f"--noinput needs the password in {PASSWORD_ENV}.")
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        return password

    def _ask_password(self, user):
        try:
            while True:
                password = getpass.getpass("Password: ")
                if password != getpass.getpass("Password (again): "):
                    self.stderr.write("Error: the two passwords differ.")
                    continue
                try:
                    validate_password(password, user)
                except ValidationError as exc:
                    self.stderr.write("\n".join(exc.messages))
                    continue
                return password
        except KeyboardInterrupt:
            raise CommandError("Cancelled: no user was created.") from None
