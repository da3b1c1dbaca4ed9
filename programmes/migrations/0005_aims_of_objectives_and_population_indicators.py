"""London's reference data for the performance report.

Seed 003 names three strategic aims and eight objectives but does not say which objective serves
which aim; this is the VRU's reading of it, editable in the admin. The population indicators
are the public figures the issue names; their figures are imported from CSV files.
"""

from django.db import migrations

AIM_OF_OBJECTIVE = {
    # 1 Stabilising and reducing violence across London
    1: [1],
    5: [1],
    7: [1],
    # 2 Empowering Londoners to stay safe, united and inclusive
    2: [2],
    3: [2],
    4: [2],
    6: [2],
    # 3 Aligning attitudes and perceptions of violence with reality
    8: [3],
}

POPULATION_INDICATORS = [
    {
        "code": "knife-crime-injury-victims-u25",
        "name": "Knife crime with injury victims under 25",
        "unit": "victims",
        "frequency": "month",
        "counts_people": True,
        "source": "Metropolitan Police Service crime data",
        "description": "Victims aged 1 to 24 of knife crime with injury (excluding domestic abuse).",
    },
    {
        "code": "homicides",
        "name": "Homicides",
        "unit": "victims",
        "frequency": "month",
        "counts_people": True,
        "source": "Metropolitan Police Service crime data",
        "description": "Victims of homicide (murder, manslaughter and infanticide).",
    },
    {
        "code": "hospital-admissions-sharp-object",
        "name": "Hospital admissions for assault with a sharp object",
        "unit": "admissions",
        "frequency": "quarter",
        "counts_people": True,
        "source": "NHS Hospital Episode Statistics",
        "description": "Emergency admissions for assault by a knife or sharp object, by borough of residence.",
    },
    {
        "code": "violence-against-the-person",
        "name": "Violence against the person offences",
        "unit": "offences",
        "frequency": "month",
        "counts_people": False,
        "source": "Metropolitan Police Service crime data",
        "description": "Recorded offences of violence against the person.",
    },
]


def load(apps, schema_editor):
    StrategicAim = apps.get_model("programmes", "StrategicAim")
    Objective = apps.get_model("programmes", "Objective")
    PopulationIndicator = apps.get_model("programmes", "PopulationIndicator")
    aims = {aim.number: aim for aim in StrategicAim.objects.all()}
    for objective in Objective.objects.all():
        numbers = AIM_OF_OBJECTIVE.get(objective.number, [])
        objective.aims.set([aims[n] for n in numbers if n in aims])
    for fields in POPULATION_INDICATORS:
        PopulationIndicator.objects.update_or_create(code=fields["code"], defaults=fields)


def unload(apps, schema_editor):
    apps.get_model("programmes", "PopulationIndicator").objects.filter(
        code__in=[fields["code"] for fields in POPULATION_INDICATORS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("programmes", "0004_performance_reports_and_population")]

    operations = [migrations.RunPython(load, unload)]
