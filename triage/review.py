"""Editors' changes to the text runners read, held for a clinical reviewer.

Causes, treatments and articles are read by runners straight from their rows (rules, questions,
advice and tips are read from the published snapshot instead, and go through publishing). So an
Editor's change to one of these rows is not saved to it: it is kept in the row's
`pending_change` (models.PendingReview), and runners keep reading the approved text until a user
with the clinical reviewer's permission approves it (pending_change_approve).
"""

import datetime
import decimal

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from triage.services import PUBLISH_PERMISSION


def can_approve(user):
    return user.has_perm(PUBLISH_PERMISSION)


def _as_json(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (models.QuerySet, list, tuple, set)):
        return sorted(_as_json(item) for item in value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def _live_value(obj, name):
    field = obj._meta.get_field(name)
    if field.many_to_many:
        return list(getattr(obj, name).all())
    return getattr(obj, name)


def _same(new, old):
    new, old = _as_json(new), _as_json(old)
    if isinstance(new, str) and isinstance(old, str):
        # Forms strip the text they clean; a trailing newline is no change.
        return new.strip() == old.strip()
    return new == old


def pending_change_propose(*, obj, user, values):
    """Hold `values` ({field name: cleaned value}) as a change to `obj` waiting for review.

    A second proposal before review adds to the first. The row's own fields are left as they
    are. Returns the stored pending change.
    """
    live = type(obj).objects.get(pk=obj.pk)
    fields = dict(live.pending_change.get("fields", {})) if live.pending_change else {}
    proposed = {
        name: _as_json(value)
        for name, value in values.items()
        if not _same(value, _live_value(live, name))
    }
    # A value set back to the live one is no longer a change.
    for name in set(values) - set(proposed):
        fields.pop(name, None)
    fields.update(proposed)
    if not fields:
        live.pending_change = {}
        live.save(update_fields=["pending_change"])
        return live.pending_change
    live.pending_change = {
        "by": user.get_username(),
        "at": timezone.now().isoformat(),
        "fields": fields,
    }
    live._change_reason = _("Change proposed for review: %(fields)s") % {
        "fields": ", ".join(sorted(proposed))
    }
    live._history_user = user
    live.save(update_fields=["pending_change"])
    return live.pending_change


@transaction.atomic
def pending_change_approve(*, obj, user):
    """Apply the change waiting on `obj`, as approved by `user` (a clinical reviewer).

    Raises PermissionError for a user without the clinical reviewer's permission and
    ValidationError when the proposed values are no longer valid.
    """
    if not can_approve(user):
        raise PermissionError("Only a clinical reviewer approves changes to runners' text.")
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    proposal = obj.pending_change or {}
    many = {}
    for name, value in proposal.get("fields", {}).items():
        field = obj._meta.get_field(name)
        if field.many_to_many:
            many[name] = value
        elif field.is_relation:
            setattr(obj, field.attname, value)
        else:
            setattr(obj, name, field.to_python(value))
    obj.pending_change = {}
    obj._change_reason = _("Approved the change proposed by %(user)s") % {
        "user": proposal.get("by", "?")
    }
    obj._history_user = user
    obj.full_clean()
    obj.save()
    for name, pks in many.items():
        getattr(obj, name).set(pks)
    return obj


def pending_change_reject(*, obj, user):
    if not can_approve(user):
        raise PermissionError("Only a clinical reviewer rejects changes to runners' text.")
    obj.pending_change = {}
    obj._change_reason = _("Rejected the proposed change")
    obj._history_user = user
    obj.save(update_fields=["pending_change"])
