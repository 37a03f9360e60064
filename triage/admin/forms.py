"""Forms of the editors' admin: login, rule conditions checked like the engine checks them, and
the answer fields that test cases and the simulator build from the questionnaire.
"""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from triage import engine
from triage.models import (
    Condition,
    Operator,
    Question,
    Rule,
    RuleKind,
)

ANSWER_PREFIX = "answer_"


class EditorAuthenticationForm(AdminAuthenticationForm):
    """Staff status alone opens nothing: an editor needs a role (a group), or to be a superuser."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.is_superuser and not user.groups.exists():
            raise ValidationError(
                _("Your account has no editing role yet. Ask an administrator to give you one."),
                code="no_role",
            )


# --- Conditions -------------------------------------------------------------------------------


def _operator_words(operators):
    return ", ".join(str(Operator(op).label) for op in operators)


def _whole_number(text):
    try:
        number = float(text)
    except ValueError:
        return None
    return str(int(number)) if number.is_integer() else None


def condition_clean(question, operator, value, choices):
    """Check one condition the way the engine's content check does; return the clean value.

    `choices` are the question's choice slugs. Raises ValidationError as {field: message}, so
    the message shows on the operator or the value field.
    """
    allowed = engine.OPERATORS_BY_KIND[question.kind]
    if operator not in allowed:
        raise ValidationError(
            {
                "operator": ValidationError(
                    _(
                        "“%(operator)s” does not fit this kind of question. "
                        "Choose one of: %(allowed)s."
                    ),
                    code="operator_kind",
                    params={
                        "operator": Operator(operator).label,
                        "allowed": _operator_words(allowed),
                    },
                )
            }
        )
    if operator in engine.VALUELESS_OPERATORS:
        return ""
    values = engine.split_values(value) if operator in engine.LIST_OPERATORS else [value.strip()]
    values = [item for item in dict.fromkeys(values) if item]
    if not values:
        raise ValidationError(
            {"value": ValidationError(_("Give a value for this condition."), code="no_value")}
        )
    if question.kind == "number":
        numbers = []
        for item in values:
            number = _whole_number(item)
            if number is None:
                raise ValidationError(
                    {
                        "value": ValidationError(
                            _("“%(value)s” is not a whole number."),
                            code="not_a_number",
                            params={"value": item},
                        )
                    }
                )
            numbers.append(number)
        values = numbers
    else:
        unknown = [item for item in values if item not in choices]
        if unknown:
            raise ValidationError(
                {
                    "value": ValidationError(
                        _(
                            "“%(value)s” is not a choice of this question. "
                            "Choose from: %(choices)s."
                        ),
                        code="unknown_choice",
                        params={"value": unknown[0], "choices": ", ".join(choices)},
                    )
                }
            )
    return ",".join(values)


class ConditionValueInput(forms.TextInput):
    """A text input that static/admin_extra/conditions.js turns into a list of the question's
    choices. Without JavaScript it stays a text box and the form still checks the value."""

    def __init__(self, attrs=None):
        super().__init__({"data-condition-value": "", "size": 30, **(attrs or {})})


def _question_label(question):
    text = question.text if len(question.text) <= 50 else question.text[:49] + "…"
    return f"{question.slug}: {text}"


class ConditionForm(forms.ModelForm):
    class Meta:
        model = Condition
        fields = ["question", "operator", "value"]
        widgets = {"value": ConditionValueInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["question"]
        field.label_from_instance = _question_label
        # Unwrap the admin's edit/add/view icons: a condition picks a question, never edits it.
        field.widget = getattr(field.widget, "widget", field.widget)

    def clean(self):
        data = super().clean()
        question, operator = data.get("question"), data.get("operator")
        if question is None or not operator:
            return data
        choices = [choice.slug for choice in question.choices.all()]
        data["value"] = condition_clean(question, operator, data.get("value", ""), choices)
        return data


class RuleConditionFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE", False)
        ]
        if not kept:
            raise ValidationError(
                _("A rule needs at least one condition: say which answer makes it fire."),
                code="no_conditions",
            )


class RuleForm(forms.ModelForm):
    class Meta:
        model = Rule
        fields = [
            "slug",
            "title",
            "description",
            "kind",
            "match",
            "urgency",
            "cause",
            "weight",
            "advice",
            "prevention",
            "reason",
            "is_active",
            "order",
            "last_reviewed",
            "next_review_due",
        ]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}

    # The fields each kind of rule uses; the others are cleared on save (and hidden by
    # static/admin_extra/rule_kind.js; without it every kind's fieldset stays shown, headed).
    KIND_FIELDS = {
        RuleKind.RED_FLAG: ("urgency", "cause", "weight"),
        RuleKind.EVIDENCE: ("cause", "weight"),
        RuleKind.ADVICE: ("advice",),
        RuleKind.PREVENTION: ("prevention",),
    }
    EMPTY = {
        "urgency": "",
        "cause": None,
        "weight": 0.0,
        "advice": None,
        "prevention": None,
    }

    # What each kind of rule must name, and the message when it does not.
    NEEDS = {
        RuleKind.RED_FLAG: ("urgency", _("A warning sign needs an urgency floor.")),
        RuleKind.EVIDENCE: ("cause", _("An evidence rule needs the cause it adds weight to.")),
        RuleKind.ADVICE: ("advice", _("An advice rule needs the advice item it includes.")),
        RuleKind.PREVENTION: ("prevention", _("A prevention rule needs the tip it includes.")),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Made from the title when left empty, so adding a rule needs no slug. (An existing
        # rule's slug is read-only to whoever may not rename slugs: triage.admin.slugs.)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean(self):
        data = super().clean()
        if (
            "slug" in self.fields
            and not data.get("slug")
            and data.get("title")
            and "slug" not in self.errors
        ):
            data["slug"] = self._slug_from(data["title"])
        need = self.NEEDS.get(data.get("kind"))
        if need and not data.get(need[0]) and need[0] not in self.errors:
            self.add_error(need[0], ValidationError(need[1], code="required_for_kind"))
        used = self.KIND_FIELDS.get(data.get("kind"))
        if used is not None:
            for name, empty in self.EMPTY.items():
                if name not in used and name in data:
                    data[name] = empty
        return data

    def _slug_from(self, title):
        base = slugify(title).replace("-", "_")[:50] or "rule"
        slug, number = base, 2
        taken = Rule.objects.exclude(pk=self.instance.pk)
        while taken.filter(slug=slug).exists():
            slug, number = f"{base}_{number}", number + 1
        return slug


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = [
            "slug",
            "section",
            "kind",
            "text",
            "help_text",
            "required",
            "min_value",
            "max_value",
            "order",
            "shown_when_question",
            "shown_when_operator",
            "shown_when_value",
        ]
        widgets = {"shown_when_value": ConditionValueInput()}

    def clean(self):
        data = super().clean()
        other, operator = data.get("shown_when_question"), data.get("shown_when_operator")
        if other is None:
            data["shown_when_operator"], data["shown_when_value"] = "", ""
            return data
        if self.instance.pk and other.pk == self.instance.pk:
            self.add_error(
                "shown_when_question",
                ValidationError(_("A question cannot depend on itself."), code="self"),
            )
            return data
        if not operator:
            self.add_error(
                "shown_when_operator",
                ValidationError(_("Choose how the answer is tested."), code="required"),
            )
            return data
        choices = [choice.slug for choice in other.choices.all()]
        try:
            data["shown_when_value"] = condition_clean(
                other, operator, data.get("shown_when_value", ""), choices
            )
        except ValidationError as exc:
            for field, errors in exc.error_dict.items():
                self.add_error(f"shown_when_{field}", errors)
        return data


# --- Answers built from the questionnaire ------------------------------------------------------


def answer_fields(ruleset):
    """One optional form field per question, in questionnaire order, named answer_<slug>."""
    fields = {}
    for question in sorted(ruleset.questions, key=lambda q: q.order):
        options = {"label": question.text, "required": False, "help_text": question.slug}
        if question.kind == "number":
            field = forms.IntegerField(
                min_value=question.min_value, max_value=question.max_value, **options
            )
        elif question.kind == "multi":
            field = forms.MultipleChoiceField(
                choices=list(question.labels), widget=forms.CheckboxSelectMultiple, **options
            )
        else:
            field = forms.ChoiceField(
                choices=[("", _("(not answered)")), *question.labels], **options
            )
        fields[ANSWER_PREFIX + question.slug] = field
    return fields


def answer_sections(ruleset):
    """[(section, [field names])] in questionnaire order, for fieldsets."""
    sections = {}
    for question in sorted(ruleset.questions, key=lambda q: q.order):
        sections.setdefault(question.section, []).append(ANSWER_PREFIX + question.slug)
    return list(sections.items())


def answers_initial(answers):
    return {ANSWER_PREFIX + slug: value for slug, value in answers.items()}


class AnswersMixin:
    """Collects answer_<slug> fields into answers and checks them with the engine's rules."""

    ruleset = None

    def answers_clean(self):
        answers = {}
        for question in self.ruleset.questions:
            value = self.cleaned_data.get(ANSWER_PREFIX + question.slug)
            # An unticked list, an empty box and "(not answered)" all mean no answer.
            if value not in (None, "", []):
                answers[question.slug] = value
        try:
            return engine.validate_answers(self.ruleset, answers)
        except engine.InvalidAnswers as exc:
            for slug, message in exc.errors.items():
                name = ANSWER_PREFIX + slug
                self.add_error(name if name in self.fields else None, message)
            return None
