"""London's common plan template: the eight themes of the Violence and Vulnerability Action Plan,
the minimum governance standards, and starting criteria for assessing plans (all editable in the admin)."""

from django.db import migrations

THEMES = [
    (1, "Governance", "How the Community Safety Partnership leads, owns and reviews the plan."),
    (
        2,
        "Analysis and enforcement",
        "Understanding local violence from data, and the police and partners' enforcement.",
    ),
    (3, "Reducing access to weapons", "Stopping young people getting and carrying knives and other weapons."),
    (
        4,
        "Safeguarding and educating children and young people",
        "Keeping children safe at home, at school and online, and teaching them about violence and its risks.",
    ),
    (5, "Communities and neighbourhoods", "Working with and for local communities, places and community groups."),
    (6, "Supporting victims", "Help for victims of violence and their families, and for witnesses."),
    (7, "Positive diversion", "Activities and opportunities that steer young people away from violence."),
    (
        8,
        "Violence against women and girls",
        "Preventing and responding to domestic abuse, sexual violence and other violence against women and girls.",
    ),
]

STANDARDS = [
    (
        1,
        "Senior ownership",
        "The Community Safety Partnership board has agreed the plan, and a named senior officer is responsible for it.",
    ),
    (
        2,
        "Evidence-led",
        "The plan rests on a current local problem profile or strategic needs assessment of serious violence.",
    ),
    (
        3,
        "Community and youth voice",
        "Young people and communities have shaped the plan, and the plan says how.",
    ),
]

CRITERIA = [
    (1, "Evidence", "The actions follow from the borough's analysis of local violence."),
    (2, "Partnership", "Every statutory partner has a clear part, with the voluntary and community sector."),
    (3, "Outcomes", "Each action has an outcome that can be measured."),
    (4, "Voice", "Young people and communities have shaped the plan."),
    (5, "Deliverability", "Leads, dates and resources are realistic."),
]


def load(apps, schema_editor):
    PlanTheme = apps.get_model("partners", "PlanTheme")
    GovernanceStandard = apps.get_model("partners", "GovernanceStandard")
    AssessmentCriterion = apps.get_model("partners", "AssessmentCriterion")
    for number, title, description in THEMES:
        PlanTheme.objects.update_or_create(number=number, defaults={"title": title, "description": description})
    for number, title, description in STANDARDS:
        GovernanceStandard.objects.update_or_create(
            number=number, defaults={"title": title, "description": description}
        )
    for order, title, description in CRITERIA:
        AssessmentCriterion.objects.update_or_create(
            title=title, defaults={"order": order, "description": description, "active": True}
        )


def unload(apps, schema_editor):
    apps.get_model("partners", "AssessmentCriterion").objects.filter(title__in=[c[1] for c in CRITERIA]).delete()
    apps.get_model("partners", "GovernanceStandard").objects.filter(number__in=[s[0] for s in STANDARDS]).delete()
    apps.get_model("partners", "PlanTheme").objects.filter(number__in=[t[0] for t in THEMES]).delete()


class Migration(migrations.Migration):
    dependencies = [("partners", "0003_organisations_plans_and_prg")]

    operations = [migrations.RunPython(load, unload)]
