"""The questionnaire step forms, built from the published ruleset's questions.

Nothing about a question is written here: its kind, wording, help text, choices, range and
condition all come from the content editors publish. The forms turn what a browser sends into
answers of the engine's types (int, "yes"/"no", a choice slug, a list of choice slugs).
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from triage import engine
from triage.journey.signs import short_label

YES_NO_LABELS = (("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No")))


def _number_field(question, required):
    low, high = question.min_value, question.max_value
    if low is not None and high is not None:
        message = _("Enter a whole number from %(low)s to %(high)s, for example %(example)s.") % {
            "low": low,
            "high": high,
            "example": (low + high) // 2,
        }
    else:
        message = _("Enter a whole number, using only the digits 0 to 9.")
    return forms.IntegerField(
        required=required,
        min_value=low,
        max_value=high,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "number-input"}),
        error_messages={
            "required": message,
            "invalid": message,
            "min_value": message,
            "max_value": message,
        },
    )


def _choice_field(question, required):
    labels = question.labels or YES_NO_LABELS
    if question.kind == "multi":
        return forms.MultipleChoiceField(
            required=required,
            choices=labels,
            widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
            error_messages={
                "required": _("Tick at least one box."),
                "invalid_choice": _("Tick only the boxes shown."),
            },
        )
    return forms.ChoiceField(
        required=required,
        choices=labels,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={
            "required": _("Choose one answer."),
            "invalid_choice": _("Choose one of the answers shown."),
        },
    )


def question_field(question, *, required):
    if question.kind == "number":
        field = _number_field(question, required)
    else:
        field = _choice_field(question, required)
    field.label = question.text
    field.help_text = question.help_text
    return field


class StepForm(forms.Form):
    """One page of the questionnaire: the questions of the page that apply to this runner.

    A question whose condition rests on an earlier step is left out when the condition is not
    met. One whose condition rests on a question of this step is always built, marked in
    `conditional`, and kept or dropped in clean() once the controlling answer is known.
    """

    def __init__(self, *args, questions, earlier_answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.earlier_answers = earlier_answers
        self.questions = {}
        self.conditional = {}
        here = {q.slug for q in questions}
        for question in questions:
            condition = question.shown_when
            if condition is not None and condition.question in here:
                self.conditional[question.slug] = condition
            elif not engine.is_shown(question, earlier_answers):
                continue
            self.questions[question.slug] = question
            # A conditional question is only required once it is shown; clean() checks that.
            required = question.required and question.slug not in self.conditional
            self.fields[question.slug] = question_field(question, required=required)

    def clean(self):
        cleaned = super().clean()
        known = {**self.earlier_answers, **self._answers(cleaned)}
        for slug in self.conditional:
            question = self.questions[slug]
            if not engine.is_shown(question, known):
                cleaned.pop(slug, None)
                self.errors.pop(slug, None)
            elif question.required and cleaned.get(slug) in (None, "", []):
                self.add_error(slug, self.fields[slug].error_messages["required"])
        return cleaned

    def _answers(self, cleaned):
        answers = {}
        for slug, question in self.questions.items():
            value = cleaned.get(slug)
            # An optional multi question left blank is an answer too: none of them apply.
            if value is None or value == "":
                continue
            if question.kind == "multi":
                value = [choice for choice in question.choices if choice in value]
            answers[slug] = value
        return answers

    def answers(self):
        """The valid answers of this step, ready for the engine (clean() dropped hidden ones)."""
        return self._answers(self.cleaned_data)

    def partial_answers(self):
        """Whatever the runner answered validly, for the back button: nothing is required."""
        return self._answers({k: v for k, v in self.cleaned_data.items() if k not in self.errors})

    def _known(self):
        if self.is_bound:
            current = self._answers(getattr(self, "cleaned_data", {}))
        else:
            current = dict(self.initial)
        return {**self.earlier_answers, **current}

    def blocks(self):
        """(field, condition or None, hidden now) for each question, in order, for the page."""
        known = self._known()
        return [
            (
                self[slug],
                self.conditional.get(slug),
                slug in self.conditional and not engine.is_shown(question, known),
            )
            for slug, question in self.questions.items()
        ]

    def newly_shown(self, asked):
        """Questions this step's answers have just revealed, which the runner has not seen.

        Without JavaScript a question that depends on an answer on the same page cannot appear
        as the runner answers, so the page is shown again with it.
        """
        known = self._known()
        return [
            slug
            for slug in self.conditional
            if slug not in asked and engine.is_shown(self.questions[slug], known)
        ]


class WarningSignsForm(forms.Form):
    """One page of warning signs as a checklist, with an explicit "None of these".

    A runner who ticks nothing has not answered, and an unanswered warning sign is never read
    as "no". Every sign left unticked becomes "no" only once the runner has answered the list.
    Each sign shows a short label; its whole question is the detail behind it.
    """

    none = forms.BooleanField(required=False, label=gettext_lazy("None of these"))

    def __init__(self, *args, questions, earlier_answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = {q.slug: q for q in questions}
        none = self.fields.pop("none")
        for slug, question in self.questions.items():
            self.fields[slug] = forms.BooleanField(required=False, label=short_label(question))
        self.fields["none"] = none

    @classmethod
    def initial_from(cls, answers, questions):
        initial = {slug: answers.get(slug) == "yes" for slug in questions}
        initial["none"] = bool(questions) and all(answers.get(slug) == "no" for slug in questions)
        return initial

    def clean(self):
        cleaned = super().clean()
        ticked = [slug for slug in self.questions if cleaned.get(slug)]
        if cleaned.get("none") and ticked:
            raise forms.ValidationError(
                _(
                    "You ticked “None of these” and a warning sign. Untick “None of these” if "
                    "you have the sign, or untick the sign if you do not."
                ),
                code="none_and_sign",
            )
        if not cleaned.get("none") and not ticked:
            raise forms.ValidationError(
                _("Tick every sign you have. If you have none of them, tick “None of these”."),
                code="nothing_ticked",
            )
        return cleaned

    def answers(self):
        return {slug: "yes" if self.cleaned_data.get(slug) else "no" for slug in self.questions}

    def partial_answers(self):
        # An unfinished checklist says nothing about the signs left unticked.
        return self.answers() if not self.errors else {}

    def signs(self):
        """(field, question) for each sign, for the page's "What this means" disclosures."""
        return [(self[slug], question) for slug, question in self.questions.items()]

    def newly_shown(self, asked):
        return []


def step_form_class(step):
    return WarningSignsForm if step.is_signs else StepForm
