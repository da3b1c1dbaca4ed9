"""London's reference data, loaded by the data migrations, as a user would see it."""

import pytest

from partners.models import BasicCommandUnit, Borough
from programmes.models.strategy import ContextualLayer, Objective, PriorityArea, StrategicAim
from programmes.models.tags import ImpactBand, InterventionType, PreventionLevel, TargetGroup

pytestmark = pytest.mark.django_db

OBJECTIVE_TITLES = {
    1: "Supporting individuals to be more resilient",
    2: "Supporting stronger families",
    3: "Young people leading change",
    4: "Enabling local communities to be strong, safe and resilient",
    5: "Keeping schools safe, keeping young people in school and improving alternatives",
    6: "Giving young people every chance to succeed",
    7: "Keeping young people safe in public areas and encourage greater activity during holidays",
    8: "Changing the message around violence",
}


def test_three_strategic_aims():
    assert list(StrategicAim.objects.values_list("number", "title")) == [
        (1, "Stabilising and reducing violence across London"),
        (2, "Empowering Londoners to stay safe, united and inclusive"),
        (3, "Aligning attitudes and perceptions of violence with reality"),
    ]
    assert all(aim.description for aim in StrategicAim.objects.all())


def test_seven_contextual_layers_in_order():
    assert list(ContextualLayer.objects.values_list("name", flat=True)) == [
        "Children and Young People",
        "Families and Home",
        "Peers and Friends",
        "Community and Neighbourhoods",
        "Institutions and systems",
        "City and Place",
        "National and International",
    ]
    first = ContextualLayer.objects.first()
    assert first.description == "Reducing Adverse Childhood Experiences and building resilience"


def test_eight_objectives_with_layer_activities_and_rationale():
    objectives = list(Objective.objects.select_related("contextual_layer"))
    assert {objective.number: objective.title for objective in objectives} == OBJECTIVE_TITLES
    for objective in objectives:
        assert objective.contextual_layer is not None
        assert len(objective.key_activity_list) >= 1, objective
        assert objective.rationale_paragraphs, objective
        assert not any(line.startswith(("•", "-")) for line in objective.key_activity_list), objective
        assert not any(paragraph[:4].startswith("3.") for paragraph in objective.rationale_paragraphs), objective


def test_objective_layers():
    layers = dict(Objective.objects.values_list("number", "contextual_layer__name"))
    assert layers == {
        1: "Children and Young People",
        2: "Families and Home",
        3: "Peers and Friends",
        4: "Community and Neighbourhoods",
        5: "Institutions and systems",
        6: "Institutions and systems",
        7: "City and Place",
        8: "National and International",
    }


def test_objective_activity_counts():
    counts = {objective.number: len(objective.key_activity_list) for objective in Objective.objects.all()}
    assert counts == {1: 3, 2: 3, 3: 1, 4: 3, 5: 5, 6: 2, 7: 3, 8: 6}


def test_objective_five_includes_reducing_exclusions():
    objective = Objective.objects.get(number=5)
    assert (
        "To reduce the number of young people excluded or missing from mainstream education "
        "at both primary and secondary levels." in objective.key_activity_list
    )


def test_objective_one_rationale_has_three_paragraphs_without_footnote_markers():
    paragraphs = Objective.objects.get(number=1).rationale_paragraphs
    assert len(paragraphs) == 3
    assert paragraphs[1].endswith("should provide the drive for services to collaborate.")
    assert paragraphs[2].startswith("104 London youth clubs")


def test_five_priority_areas_mapped_to_objectives():
    assert PriorityArea.objects.count() == 5
    assert list(PriorityArea.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5]
    assert all(area.description for area in PriorityArea.objects.all())
    mapping = {
        objective.number: sorted(objective.priority_areas.values_list("number", flat=True))
        for objective in Objective.objects.all()
    }
    assert mapping == {1: [1], 2: [3], 3: [2], 4: [5], 5: [4], 6: [1, 2], 7: [1, 5], 8: [5]}


def test_thirty_three_boroughs_with_unique_ons_codes():
    codes = list(Borough.objects.order_by("ons_code").values_list("ons_code", flat=True))
    assert codes == [f"E09{n:06d}" for n in range(1, 34)]
    assert len(set(codes)) == 33


def test_city_of_london_has_no_bcu_and_every_borough_has_one():
    city = Borough.objects.get(ons_code="E09000001")
    assert city.name == "City of London"
    assert city.bcu is None
    assert not Borough.objects.exclude(pk=city.pk).filter(bcu__isnull=True).exists()


def test_twelve_bcus_cover_thirty_two_boroughs():
    assert BasicCommandUnit.objects.count() == 12
    assert Borough.objects.filter(bcu__isnull=False).count() == 32
    for bcu in BasicCommandUnit.objects.all():
        assert 2 <= bcu.boroughs.count() <= 4, bcu


def test_westminster_is_in_central_west():
    westminster = Borough.objects.get(name="Westminster")
    assert westminster.ons_code == "E09000033"
    assert westminster.bcu.name == "Central West"
    assert westminster.bcu.code == "CW"


def test_intervention_types_include_focused_deterrence_with_high_impact():
    focused_deterrence = InterventionType.objects.get(name="Focused deterrence")
    assert focused_deterrence.impact_band == ImpactBand.HIGH
    assert InterventionType.objects.count() == 21
    assert set(InterventionType.objects.values_list("impact_band", flat=True)) <= set(ImpactBand.values)


def test_prevention_levels_and_target_groups_in_order():
    assert list(PreventionLevel.objects.values_list("name", flat=True)) == ["Primary", "Secondary", "Tertiary"]
    assert list(TargetGroup.objects.values_list("name", flat=True)) == [
        "Children and young people",
        "Parents and carers",
        "Youth practitioners",
        "Teachers",
        "Statutory professionals",
    ]
