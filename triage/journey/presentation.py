"""How the result page groups a result's causes for reading at a glance.

Presentation only: the result (and the API) keeps every cause the engine listed, in its order.
The page shows serious causes as "a doctor needs to rule this out", then at most three causes
that fit moderately or well, each with its strongest reasons, and folds the rest away.
"""

from dataclasses import dataclass, field

from triage.models import Likelihood

TOP_CAUSES = 3
REASONS_SHOWN = 3
SHOWN_LIKELIHOODS = (Likelihood.HIGH, Likelihood.MODERATE)


@dataclass
class CauseGroups:
    to_rule_out: list = field(default_factory=list)
    top: list = field(default_factory=list)
    others: list = field(default_factory=list)


def _likelihood(value):
    return Likelihood(value) if value in Likelihood.values else Likelihood.LOW


def _reason_weights(ruleset):
    weights = {}
    for rule in ruleset.rules if ruleset else ():
        if rule.cause and rule.reason:
            key = (rule.cause, rule.reason)
            weights[key] = max(weights.get(key, 0.0), rule.weight)
    return weights


def group_causes(causes, ruleset=None):
    """Split a result's causes (engine order kept) into the page's three groups.

    Each cause gets `likelihood` as a Likelihood and `top_reasons`: its reasons, strongest
    first (by the weight of the rule that gave each, when the ruleset is known), at most three.
    """
    weights = _reason_weights(ruleset)
    groups = CauseGroups()
    for cause in causes:
        reasons = list(cause.get("reasons", []))
        ranked = sorted(
            reasons,
            key=lambda reason: -weights.get((cause["slug"], reason), 0.0),
        )
        cause = {
            **cause,
            "likelihood": _likelihood(cause.get("likelihood")),
            "top_reasons": ranked[:REASONS_SHOWN],
        }
        if cause.get("serious") or cause["likelihood"] == Likelihood.TO_RULE_OUT:
            groups.to_rule_out.append(cause)
        elif cause["likelihood"] in SHOWN_LIKELIHOODS and len(groups.top) < TOP_CAUSES:
            groups.top.append(cause)
        else:
            groups.others.append(cause)
    return groups
