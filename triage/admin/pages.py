"""What the editors' own pages share: the permission check, the admin context, the draft.

Each page is wired in by a ModelAdmin's get_urls (see triage.admin) through
admin_site.admin_view, so only logged-in staff reach it; each then checks its own permission.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from triage import engine
from triage.compile import build_snapshot
from triage.engine.words import condition_sentence
from triage.models import Question, RuleKind, Urgency


def require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def page_context(request, model_admin, title, **extra):
    return {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "opts": model_admin.model._meta,
        **extra,
    }


def draft_snapshot(request):
    """The draft snapshot, built once per request (the admin asks for it more than once)."""
    if not hasattr(request, "_triage_draft_snapshot"):
        request._triage_draft_snapshot = build_snapshot()
    return request._triage_draft_snapshot


def draft_ruleset(request):
    """The draft compiled once per request; several parts of one page use it."""
    if not hasattr(request, "_triage_draft_ruleset"):
        request._triage_draft_ruleset = engine.Ruleset.from_snapshot(draft_snapshot(request))
    return request._triage_draft_ruleset


# --- Helpers for the change forms in triage.admin ---------------------------------------------


def condition_questions():
    """{question pk: {kind, choices: [[slug, label]], operators}} for conditions.js."""
    questions = Question.objects.prefetch_related("choices").order_by("order", "slug")
    return {
        str(question.pk): {
            "kind": question.kind,
            "choices": [[choice.slug, choice.label] for choice in question.choices.all()],
            "operators": list(engine.OPERATORS_BY_KIND[question.kind]),
        }
        for question in questions
    }


def rule_sentence(
    *, kind, match, conditions, urgency="", cause="", weight=0, item="", questions=None
):
    """A rule in words: "When Leg weakness is: “Yes, but ...”: urgency at least “...”".

    `conditions` are snapshot dicts or engine conditions; `cause` and `item` are names;
    `questions` maps question slugs to snapshot questions (for the answers' labels).
    """
    joiner = _(" or ") if match == "any" else _(" and ")
    tests = joiner.join(condition_sentence(c, questions) for c in conditions) or _("never")
    if kind == RuleKind.RED_FLAG:
        label = Urgency(urgency).label if urgency in Urgency.values else urgency
        effect = _("urgency at least “%(urgency)s”") % {"urgency": label}
    elif kind == RuleKind.EVIDENCE:
        effect = _("%(weight)+g to “%(cause)s”") % {"weight": weight or 0, "cause": cause}
    else:
        effect = _("gives “%(item)s”") % {"item": item}
    return _("When %(tests)s: %(effect)s") % {"tests": tests, "effect": effect}


def _question_words(question):
    labels = {choice.slug: choice.label for choice in question.choices.all()}
    return {"slug": question.slug, "kind": question.kind, "choice_labels": labels}


def rule_summary(rule):
    """A rule row in words, from its conditions, for rules that have no description yet."""
    conditions = list(rule.conditions.all())
    questions = {c.question.slug: _question_words(c.question) for c in conditions}
    return rule_sentence(
        kind=rule.kind,
        match=rule.match,
        conditions=[
            {"question": c.question.slug, "operator": c.operator, "value": c.value}
            for c in conditions
        ],
        urgency=rule.urgency,
        cause=rule.cause.name if rule.cause_id else "",
        weight=rule.weight,
        item=str(rule.advice or rule.prevention or ""),
        questions=questions,
    )


def child_history(history_model, fk, object_id, limit=50):
    """The latest history records of rows that belong to one parent (a rule's conditions)."""
    return list(
        history_model.objects.filter(**{fk: object_id})
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )
