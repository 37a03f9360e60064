"""Short plain labels for the warning signs, as the checklist pages show them.

The question's own words (and its help text) stay behind a "What this means" disclosure: the
short label is for reading a list of nine at a glance, not a new question. A sign an editor adds
later has no short label and shows its whole question.
"""

from django.utils.translation import gettext_lazy as _

SHORT_LABELS = {
    "saddle_numbness": _("New numbness or tingling between your legs or around your bottom"),
    "bladder_change": _("New trouble starting or holding in your pee"),
    "bowel_change": _("New loss of control of your bowels, or not feeling you need to poo"),
    "sexual_change": _("New loss of feeling in your genitals, or new problems with sex"),
    "both_legs_worsening": _(
        "Pain, tingling, numbness or weakness in both legs, new or getting worse"
    ),
    "unsteady_walking": _("New unsteadiness when you walk, or your legs giving way"),
    "serious_accident": _("The pain started after a serious accident, such as a car crash"),
    "sudden_tearing_pain": _("Sudden, very bad back and tummy pain, with feeling faint or sweaty"),
    "chest_pain": _("Chest pain, or a tearing pain between your shoulder blades"),
    "fever": _("A temperature of 38°C or more, shivers, or feeling very unwell"),
    "infection_risk": _(
        "A weak immune system, injecting drugs, or a recent infection or back operation"
    ),
    "cancer_history": _("You have had cancer, even a long time ago"),
    "weight_loss": _("You have lost weight in recent months without trying"),
    "night_pain": _("Pain all the time that rest does not ease, worse at night"),
    "osteoporosis_or_steroids": _(
        "Thin bones (osteoporosis), or steroid tablets for 3 months or more"
    ),
    "back_shape_change": _("A new lump, swelling or change in the shape of your back"),
    "urinary_symptoms": _("Burning when you pee, peeing much more often, or blood in your pee"),
    "groin_pain_weight_bearing": _(
        "Groin or hip pain, worse when you stand on that leg, or a limp"
    ),
}


def short_label(question):
    return SHORT_LABELS.get(question.slug, question.text)
