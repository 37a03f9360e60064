"""The choices of the content and result fields, with how pages present them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The icon beside each urgency's heading (decorative: the heading says the same in words).
_URGENCY_ICONS = {
    "emergency": (
        "M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 "
        "1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 "
        "3.57a1 1 0 0 1-.25 1z"
    ),
    "urgent": "M12 2 1 21h22L12 2zm0 4.2L19.5 19h-15L12 6.2zM11 10v5h2v-5h-2zm0 6v2h2v-2h-2z",
    "soon": (
        "M7 2v2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2h-2V2h-2v2H9V2H7z"
        "M5 9h14v11H5V9zm2 2v2h2v-2H7zm4 0v2h2v-2h-2zm4 0v2h2v-2h-2zm-8 4v2h2v-2H7zm4 0v2h2v-2h-2z"
    ),
    "self_care": "M12 3 2 12h3v8h5v-6h4v6h5v-8h3L12 3z",
}


class Urgency(models.TextChoices):
    """The four urgency levels of the contract, least urgent first.

    Each level also says how the result card presents it: a colour (css_class), an icon, a
    heading that says what to do and how soon, and the paragraphs and phone number under it.
    """

    SELF_CARE = "self_care", _("Self-care at home")
    SOON = "soon", _("Book an appointment soon")
    URGENT = "urgent", _("Speak to a doctor today")
    EMERGENCY = "emergency", _("Emergency: get help now")

    @property
    def css_class(self):
        return f"urgency-{self.value}"

    @property
    def icon_path(self):
        return _URGENCY_ICONS[self.value]

    @property
    def heading(self):
        numbers = _phone_numbers()
        return {
            "emergency": _("Call %(emergency)s now, or go to A&E") % numbers,
            "urgent": _("See a GP today, or call %(non_emergency)s") % numbers,
            "soon": _("Book a GP or physiotherapy appointment in the next few days"),
            "self_care": _("Look after your back at home for now"),
        }[self.value]

    @property
    def paragraphs(self):
        numbers = _phone_numbers()
        return {
            "emergency": [
                _(
                    "Your answers include a sign of a problem that needs treatment straight "
                    "away. Do not wait to see if it gets better."
                )
            ],
            "urgent": [
                _(
                    "Call your GP surgery and ask for an appointment today. If they cannot see "
                    "you today, call %(non_emergency)s or go to an urgent treatment centre."
                )
                % numbers
            ],
            "soon": [
                _(
                    "Your pain needs a check by someone who can examine you, but not today. "
                    "Until your appointment, follow the home-care advice below."
                ),
            ],
            "self_care": [
                _(
                    "Your answers do not show signs of a problem that needs a doctor now. Most "
                    "back pain like this gets much better within a few weeks."
                )
            ],
        }[self.value]

    @property
    def call_number(self):
        """The number the result card offers to call straight away, if any."""
        numbers = _phone_numbers()
        return {"emergency": numbers["emergency"], "urgent": numbers["non_emergency"]}.get(
            self.value, ""
        )

    @property
    def worse_number(self):
        """The number to call if it gets worse before the appointment (a "soon" result)."""
        return settings.NON_EMERGENCY_NUMBER if self == Urgency.SOON else ""

    @property
    def call_button_class(self):
        return "btn-emergency" if self == Urgency.EMERGENCY else "btn-dark"

    @property
    def causes_heading(self):
        # At an emergency only serious causes are listed: what a doctor must rule out.
        if self == Urgency.EMERGENCY:
            return _("What a doctor will want to rule out")
        return _("Possible causes")


def _phone_numbers():
    return {
        "emergency": settings.EMERGENCY_NUMBER,
        "non_emergency": settings.NON_EMERGENCY_NUMBER,
    }


class Likelihood(models.TextChoices):
    """How well the answers fit a possible cause, as the result page words it."""

    HIGH = "high", _("Likelihood: high")
    MODERATE = "moderate", _("Likelihood: medium")
    LOW = "low", _("Likelihood: low")
    # A serious cause, whatever its score: listed for a doctor to check, never as "low".
    TO_RULE_OUT = "to_rule_out", _("A doctor needs to rule this out")


class Section(models.TextChoices):
    ABOUT_YOU = "about_you", _("About you")
    WARNING_SIGNS = "warning_signs", _("Warning signs")
    RUNNING = "running", _("Your running")
    PAIN = "pain", _("Your pain")


class QuestionKind(models.TextChoices):
    NUMBER = "number", _("Number")
    YES_NO = "yes_no", _("Yes or no")
    SINGLE = "single", _("One choice")
    MULTI = "multi", _("Several choices")


class Operator(models.TextChoices):
    EQ = "eq", _("is")
    NE = "ne", _("is not")
    IN = "in", _("is one of")
    NOT_IN = "not_in", _("is none of")
    GTE = "gte", _("is at least")
    LTE = "lte", _("is at most")
    INCLUDES = "includes", _("includes")
    EXCLUDES = "excludes", _("does not include")
    INCLUDES_ANY = "includes_any", _("includes any of")
    EMPTY = "empty", _("is empty")
    NOT_EMPTY = "not_empty", _("is not empty")


class Evidence(models.TextChoices):
    RECOMMENDED = "recommended", _("Recommended")
    CONSIDER = "consider", _("Worth considering")
    MIXED = "mixed", _("Evidence mixed")
    NOT_RECOMMENDED = "not_recommended", _("Not recommended")


class AdviceKind(models.TextChoices):
    HOME_CARE = "home_care", _("Home care")
    RETURN_TO_RUNNING = "return_to_running", _("Return-to-running plan")
    SEE_CLINICIAN = "see_clinician", _("Getting help")
    EMERGENCY_ACTION = "emergency_action", _("Emergency action")


class RuleKind(models.TextChoices):
    RED_FLAG = "red_flag", _("Warning sign: sets an urgency floor")
    EVIDENCE = "evidence", _("Evidence: adds weight to a cause")
    ADVICE = "advice", _("Includes an advice item")
    PREVENTION = "prevention", _("Includes a prevention tip")


class Match(models.TextChoices):
    ALL = "all", _("all conditions are met")
    ANY = "any", _("any condition is met")
