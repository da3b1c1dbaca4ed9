"""London VRU's strategy and the tags its evidence work uses.

Texts are in the source documents' own words:
- strategic aims: "A Public Health Approach to Violence Reduction" report (seed 003) §1.1;
- contextual layers: the same report §3.15;
- objectives, their key activities and their "Why": the same report §3.23–3.39;
- priority areas: the VRU's "Our priorities" web page (seed 004), which gives the five
  descriptions without headings; the short titles are ours.
The objective → priority area mapping is the VRU's and can be changed in the admin.
Intervention types are the Youth Endowment Fund Toolkit's approaches and impact bands.
"""

from django.db import migrations

STRATEGIC_AIMS = [
    (
        1,
        "Stabilising and reducing violence across London",
        "Violence is a concern for us all; we will all play our part to reduce it.",
    ),
    (
        2,
        "Empowering Londoners to stay safe, united and inclusive",
        "London’s strength lies in its young people and their contributions to the city, it’s diverse and vibrant communities, and the willingness of those who live in London to work together.",
    ),
    (
        3,
        "Aligning attitudes and perceptions of violence with reality",
        "Recognising that London is one of the safest cities in the world. We will take an asset-based approach, building on and learning from what is working here.",
    ),
]

CONTEXTUAL_LAYERS = [
    (1, "Children and Young People", "Reducing Adverse Childhood Experiences and building resilience"),
    (2, "Families and Home", "Support & enable them to nurture and protect young people"),
    (3, "Peers and Friends", "Support young people to be the best they can individually and together"),
    (
        4,
        "Community and Neighbourhoods",
        "Enable and Empower communities to lead from within to build sustainable futures",
    ),
    (
        5,
        "Institutions and systems",
        "Institutions providing responsible leadership; London partners having mutual accountability to invest in what works",
    ),
    (6, "City and Place", "Building a London that is safe, united and inclusive"),
    (
        7,
        "National and International",
        "Learn from and share with the global community to build on what works and improve outcomes for all",
    ),
]

PRIORITY_AREAS = [
    (
        1,
        "Preventing violence and exploitation",
        "How we’ll support the prevention of violence and exploitation of children and young people, and disadvantage, particularly race and sex.",
    ),
    (
        2,
        "Positive opportunities",
        "We’ll expand access to positive opportunities and provide development into employment, training, apprenticeships and further education.",
    ),
    (
        3,
        "Stronger families",
        "Focus on developing stronger and more resilient families to better support young people.",
    ),
    (
        4,
        "Inclusive education",
        "Promoting healthy relationships and inclusive practices to reduce exclusions and disengagement with education.",
    ),
    (
        5,
        "Community-led violence reduction",
        "Providing communities with the support and resources to deliver sustainable reductions in violence.",
    ),
]

INSTITUTIONS_SUMMARY = "Institutions providing responsible leadership; London partners having mutual accountability to invest in what works"

OBJECTIVES = [
    {
        "number": 1,
        "title": "Supporting individuals to be more resilient",
        "summary": "Reduce Adverse Childhood Experiences and build resilience",
        "layer": 1,
        "key_activities": [
            "To develop more personalised services, in particular to encourage public sector partners to work together with voluntary organisations and each other to provide greater join-up and easier contact with individuals using services.",
            "To develop a range of examples of existing good practice which provide templates and models for public sector partners and the Voluntary Community Sector to implement.",
            "To provide support for young people who witness and/or suffer domestic abuse.",
        ],
        "rationale": [
            "We know that confidence in public services is one of the biggest deterrents to people using them, in particular young people. The Care Quality Commission identified a range of barriers preventing young people from accessing mental health support. Only 50% of young people have a ‘good opinion’ of the Met police, and only 44% of young victims reported their crime to the police. Through the practitioner workshops, frontline experts told us that parents sometimes avoid seeking help from social services for fear of being drawn into ‘the system’ and being blamed.",
            "An increased understanding of the interconnectedness of the causes of violence and the complexity of social issues (violence, mental health, drug and alcohol abuse, marginalisation, socio-economic inequalities to name a few) should provide the drive for services to collaborate.",
            "104 London youth clubs and council youth projects have closed their doors since 2011, with a reduction in investment of £145m. Those that remain are embedded in communities and are trusted by them in ways that statutory services are not. Nine in ten UK households have used a charity at some point, and around three quarters (74%) have used a charity service in the last 12 months. In a survey of 2,901 people, responses showed that charities are best placed and most trusted to speak on behalf of the disadvantaged – 67% felt that charities were best placed to speak on behalf of disadvantaged people and 56% said they most trusted charities to do this.",
        ],
        "priority_areas": [1],
    },
    {
        "number": 2,
        "title": "Supporting stronger families",
        "summary": "Supporting parents and carers to nurture and protect",
        "layer": 2,
        "key_activities": [
            "To develop resilient families who can spot vulnerabilities in children and know where to access support.",
            "To ensure that adults who are experiencing domestic abuse are supported with parenting and not further penalised for being victims.",
            "To establish a strand of work which supports parents who are concerned about their children to access information and good practice, and share their concerns and support each other.",
        ],
        "rationale": [
            "A recent Vulnerable Adolescent Review published by Croydon found that 42% of vulnerable children had grown up in homes where domestic abuse was an issue.",
            "The 2017 report on the Joint Targeted Area Inspections (JTAIs) of children and Domestic Abuse (DA) recommends paying more attention to the emotional, psychological and practical needs of children, moving away from a ‘failure to protect’ discourse with victims (as a result of which children and their non-abusive parent can become alienated from the services which aim to support them) and having greater focus on the attitudes and behaviour of perpetrators.",
        ],
        "priority_areas": [3],
    },
    {
        "number": 3,
        "title": "Young people leading change",
        "summary": "Support young people to be the best they can individually and together",
        "layer": 3,
        "key_activities": [
            "To establish a strand of work, led entirely by young people, which develops a peer-to-peer response to violence.",
        ],
        "rationale": [
            "In all of the consultation with communities and young people undertaken thus far, the need to have young people shaping and designing the response to violence in London has been highlighted time and time again. For the VRU to develop a unique approach to violence affecting young people, we recognise that this needs to be led by young people and we will provide the resources, support, and infrastructure to enable this to happen.",
        ],
        "priority_areas": [2],
    },
    {
        "number": 4,
        "title": "Enabling local communities to be strong, safe and resilient",
        "summary": "Enabling and empowering communities to lead from within to build sustainable futures",
        "layer": 4,
        "key_activities": [
            "To identify the key barriers to community trust and work with the police and other public services to foster greater openness and transparency to inspire greater confidence.",
            "To support through local delivery clearly defined programmes of best VCS and community activity through funding, evaluation of projects and promotion of best practice in those areas most affected by violence.",
            "To ensure that there is a comprehensive package of support for communities to access following a violent incident.",
        ],
        "rationale": [
            "Strong communities are at the heart of our strategy to tackle violence in both the short and long term. Through working with and listening to the VCS, front-line practitioners and the police we are aware that finding, supporting and promoting best practice is one of the key asks of the VRU.",
        ],
        "priority_areas": [5],
    },
    {
        "number": 5,
        "title": "Keeping schools safe, keeping young people in school and improving alternatives",
        "summary": INSTITUTIONS_SUMMARY,
        "layer": 5,
        "key_activities": [
            "Developing safer schools to embed physical safety and encourage openness, emotional resilience and well-being including mental health provision.",
            "Create standards through a demonstrable programme of activities, drawing on current best practice in both primary and secondary schools.",
            "To reduce the number of young people excluded or missing from mainstream education at both primary and secondary levels.",
            "To support young people at difficult points in their school journey and to support successful primary and secondary transition.",
            "To encourage greater support for young people who will find it harder to stay in school particularly those with special educational needs.",
        ],
        "rationale": [
            "Schools have a clear duty to keep students safe, and there is substantial evidence that schools are one of the safest places for young people. Croydon’s Vulnerable Adolescent Review found that exclusion from school was a common factor in the most vulnerable young people in the borough. All of those excluded from primary school went on to be involved in the criminal justice system. Exclusion from school is one of several adverse childhood experiences which can increase the likelihood of being involved in or affected by violence in later life. The recent Ofsted report outlined that schools were sometimes wary of directly addressing the issue of knife crime, in case they were seen to be less safe than other schools in the area. By creating a best practice standard for schools to adopt, they can demonstrate that they are prioritising safety and wellbeing of students.",
        ],
        "priority_areas": [4],
    },
    {
        "number": 6,
        "title": "Giving young people every chance to succeed",
        "summary": INSTITUTIONS_SUMMARY,
        "layer": 5,
        "key_activities": [
            "To support initiatives across the criminal justice system to reduce violence and provide support to offenders.",
            "To recognise the disproportionate number of young black men in the criminal justice system, and target supportive interventions to get them out.",
        ],
        "rationale": [
            "In London, reoffending rates for adults have remained steady for a decade at around 27%. Adults who served sentences of less than 12 months reoffended at a rate of 64.6%, compared to 29.9% for those who served sentences of 12 months or more. For those who are in prison, we need to create safe spaces for them to be rehabilitated. Where they are in the community, we need to ensure joined up service provision, targeted at those who need the most support to turn their lives around.",
            "From the work on ACEs, we know that young people who are involved in offending and violence have often experienced harm and are themselves victims. The ‘victim-offender overlap’ is a widely acknowledged and has become one of the most empirically supported and established findings in the field of criminology.",
        ],
        "priority_areas": [1, 2],
    },
    {
        "number": 7,
        "title": "Keeping young people safe in public areas and encourage greater activity during holidays",
        "summary": "Building a London that is safe, united and inclusive",
        "layer": 6,
        "key_activities": [
            "To increase and promote activity for young people during the times of 4-7pm during the weekdays.",
            "To ensure that there is a full and promoted programme of activity for young people and families during the school holidays.",
            "To work with young people how we can focus efforts on making the most dangerous transport hubs safer.",
        ],
        "rationale": [
            "The statistics around knife crime and domestic abuse are most concentrated in school holiday periods. Young people are most often at risk during travel home from school. We know from scrutinising data maps that certain transport hubs in London are much more likely to be the scene of violence.",
        ],
        "priority_areas": [1, 5],
    },
    {
        "number": 8,
        "title": "Changing the message around violence",
        "summary": "Tackling and changing international and national influences, building on what works and improve outcomes for all",
        "layer": 7,
        "key_activities": [
            "Develop a clear, simple and jargon free language around violence that can be a positive message of hope to both reassure and encourage London citizens.",
            "To develop a movement against violence that draws on ambassadors to promote positive messages and activities for London citizens to get involved to support local communities.",
            "To discourage the imagery of knives and other shocking newspaper and social media headlines that spread fear rather than understanding about the causes of violence.",
            "To confront head-on the much promoted but inaccurate idea that youth violence is black on black violence.",
            "To make sure that domestic violence is a key part of the narrative and not eclipsed by national focus on street/knife crime.",
            "To understand the relationship between drug use, drug sales, organised criminality, and violence.",
        ],
        "rationale": [
            "The way in which issues are presented by the media, politicians and others, shapes our views, and as a result, can shape our behaviour.",
            "Research from Scotland indicates that images of knives and weapons can induce fear in young people, leading to a greater likelihood of feeling that they need to protect themselves by carrying a weapon themselves. Surveys of young people in London support this, with young people stating that seeing a media campaign with knife images would be more likely to make them feel scared, and be worried about knife crime. Catch22 outlined a range of ways in which media and social media influence young people and can increase the likelihood of violence.",
            "The Runnymede Trust found that four out of every five people (78%) thought that the way that the media portrays ethnic minorities promotes racism. This concern was not just expressed by respondents who were from minority ethnic backgrounds; over two-thirds (76%) of White British respondents thought that the media’s representation of minority ethnic groups fuelled racism. Community groups report the impact that the perception of black men as solely the victims and perpetrators of crime can have on their own perceptions and aspirations, and that of others.",
            "MOPAC’s Public Attitudes Survey found that 67% of Londoners living in vulnerable areas are concerned about drugs. In Drugs Prices and Systemic Violence: An Empirical Study (2008), Sarrica maps drug prices against criminal activity; there is strong evidence that the price of heroin drives greater violence. On one hand, some Londoners are concerned about drug use and sale in their areas; on the other, drug use can be seen as a ‘victimless’ crime.",
        ],
        "priority_areas": [5],
    },
]

# Youth Endowment Fund Toolkit approaches: (name, impact band, description).
INTERVENTION_TYPES = [
    (
        "Focused deterrence",
        "high",
        "Police, services and community members tell the people involved in violence directly that it must stop, pairing an offer of support with a clear warning of enforcement.",
    ),
    (
        "A&E navigators",
        "moderate",
        "Youth workers based in hospital emergency departments approach young people treated for violence-related injuries and offer them support.",
    ),
    (
        "Cognitive behavioural therapy",
        "high",
        "A structured talking therapy that helps young people recognise and change the patterns of thinking and behaviour that can lead to violence.",
    ),
    (
        "Mentoring",
        "moderate",
        "A trusted adult or older peer meets a young person regularly to offer guidance, encouragement and a positive relationship.",
    ),
    (
        "Sports programmes",
        "moderate",
        "Regular organised sport or physical activity, often combined with mentoring or personal development, to engage young people.",
    ),
    (
        "After-school programmes",
        "moderate",
        "Supervised activities for children and young people outside school hours, such as clubs, homework support and enrichment.",
    ),
    (
        "Pre-court diversion",
        "high",
        "Young people who have offended are steered away from formal prosecution towards support or agreed conditions.",
    ),
    (
        "Social skills training",
        "high",
        "Sessions that teach children and young people to manage their emotions, solve problems and get on with others.",
    ),
    (
        "Trauma-specific therapies",
        "high",
        "Therapy from trained clinicians that helps children and young people recover from the effects of traumatic experiences.",
    ),
    (
        "Multi-systemic therapy",
        "moderate",
        "An intensive treatment in which a therapist works with a young person and their family, school and community to address the causes of offending.",
    ),
    (
        "Parenting programmes",
        "moderate",
        "Structured support for parents and carers to build their skills, confidence and relationships with their children.",
    ),
    (
        "Anti-bullying programmes",
        "moderate",
        "Whole-school approaches that aim to prevent bullying and change how pupils and staff respond when it happens.",
    ),
    (
        "Interventions to prevent school exclusion",
        "low",
        "Support for pupils at risk of exclusion, such as behaviour support, mentoring or changes to school practice, to keep them in school.",
    ),
    (
        "Relationship violence prevention lessons and activities",
        "moderate",
        "Lessons and activities that teach young people about healthy relationships to prevent violence in dating and intimate relationships.",
    ),
    (
        "Restorative justice",
        "moderate",
        "Brings together the people harmed by an offence and the people responsible so that the harm can be acknowledged and repaired.",
    ),
    (
        "Hot spots policing",
        "moderate",
        "Concentrates police patrols and activity on the small areas where crime and violence happen most often.",
    ),
    (
        "Arts programmes",
        "low",
        "Creative activities such as music, drama, dance or visual art that engage young people and build their skills and confidence.",
    ),
    (
        "Knife crime education programmes",
        "insufficient",
        "Sessions, often in schools, that tell young people about the risks and consequences of carrying knives.",
    ),
    (
        "Police in schools",
        "insufficient",
        "Police officers based in or assigned to schools to build relationships with pupils and respond to safety concerns.",
    ),
    (
        "Detached youth work",
        "insufficient",
        "Youth workers meet young people where they spend their time, such as streets and parks, rather than in a youth centre.",
    ),
    (
        "Trauma-informed training and service redesign",
        "insufficient",
        "Training staff and reshaping services so that they recognise and respond to the effects of trauma on the people they work with.",
    ),
]

PREVENTION_LEVELS = [
    (1, "Primary", "Universal work that stops violence before it starts"),
    (2, "Secondary", "Early help for children and young people at greater risk"),
    (3, "Tertiary", "Support for those already involved in violence, to stop it happening again"),
]

TARGET_GROUPS = [
    (1, "Children and young people"),
    (2, "Parents and carers"),
    (3, "Youth practitioners"),
    (4, "Teachers"),
    (5, "Statutory professionals"),
]


def load_strategy(apps, schema_editor):
    StrategicAim = apps.get_model("programmes", "StrategicAim")
    ContextualLayer = apps.get_model("programmes", "ContextualLayer")
    PriorityArea = apps.get_model("programmes", "PriorityArea")
    Objective = apps.get_model("programmes", "Objective")
    InterventionType = apps.get_model("programmes", "InterventionType")
    PreventionLevel = apps.get_model("programmes", "PreventionLevel")
    TargetGroup = apps.get_model("programmes", "TargetGroup")

    for number, title, description in STRATEGIC_AIMS:
        StrategicAim.objects.update_or_create(number=number, defaults={"title": title, "description": description})

    layers = {}
    for number, name, description in CONTEXTUAL_LAYERS:
        layers[number], _ = ContextualLayer.objects.update_or_create(
            number=number, defaults={"name": name, "description": description}
        )

    priority_areas = {}
    for number, title, description in PRIORITY_AREAS:
        priority_areas[number], _ = PriorityArea.objects.update_or_create(
            number=number, defaults={"title": title, "description": description}
        )

    for objective in OBJECTIVES:
        obj, _ = Objective.objects.update_or_create(
            number=objective["number"],
            defaults={
                "title": objective["title"],
                "summary": objective["summary"],
                "contextual_layer": layers[objective["layer"]],
                "key_activities": "\n".join(objective["key_activities"]),
                "rationale": "\n\n".join(objective["rationale"]),
            },
        )
        obj.priority_areas.set([priority_areas[number] for number in objective["priority_areas"]])

    for name, impact_band, description in INTERVENTION_TYPES:
        InterventionType.objects.update_or_create(
            name=name, defaults={"impact_band": impact_band, "description": description}
        )

    for order, name, description in PREVENTION_LEVELS:
        PreventionLevel.objects.update_or_create(name=name, defaults={"order": order, "description": description})

    for order, name in TARGET_GROUPS:
        TargetGroup.objects.update_or_create(name=name, defaults={"order": order})


def unload_strategy(apps, schema_editor):
    StrategicAim = apps.get_model("programmes", "StrategicAim")
    ContextualLayer = apps.get_model("programmes", "ContextualLayer")
    PriorityArea = apps.get_model("programmes", "PriorityArea")
    Objective = apps.get_model("programmes", "Objective")
    InterventionType = apps.get_model("programmes", "InterventionType")
    PreventionLevel = apps.get_model("programmes", "PreventionLevel")
    TargetGroup = apps.get_model("programmes", "TargetGroup")

    # Objectives first: they protect their contextual layer.
    Objective.objects.filter(number__in=[objective["number"] for objective in OBJECTIVES]).delete()
    ContextualLayer.objects.filter(number__in=[number for number, _, _ in CONTEXTUAL_LAYERS]).delete()
    PriorityArea.objects.filter(number__in=[number for number, _, _ in PRIORITY_AREAS]).delete()
    StrategicAim.objects.filter(number__in=[number for number, _, _ in STRATEGIC_AIMS]).delete()
    InterventionType.objects.filter(name__in=[name for name, _, _ in INTERVENTION_TYPES]).delete()
    PreventionLevel.objects.filter(name__in=[name for _, name, _ in PREVENTION_LEVELS]).delete()
    TargetGroup.objects.filter(name__in=[name for _, name in TARGET_GROUPS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load_strategy, unload_strategy),
    ]
