"""The API at /api/v1/: the one place every app's viewsets are registered.

An app adds its endpoints here, so the API root lists them all.
"""

from api_tokens import api as api_tokens_api
from commissioning.api import applications as applications_api
from commissioning.api import assessment as assessment_api
from commissioning.api import grants as grants_api
from commissioning.api import returns as returns_api
from commissioning.api import rounds as rounds_api
from partners.api import geography as partners_api
from partners.api import organisations as organisations_api
from partners.api import plans as plans_api
from partners.api import prg as prg_api
from programmes.api import population as population_api
from programmes.api import reports as reports_api
from programmes.api import views as programmes_api
from vru.api import ApiRouter

app_name = "api"

router = ApiRouter()

# Strategy and tags: read only, any signed-in user.
router.register("aims", programmes_api.StrategicAimViewSet, basename="aim")
router.register("objectives", programmes_api.ObjectiveViewSet, basename="objective")
router.register("contextual-layers", programmes_api.ContextualLayerViewSet, basename="contextual-layer")
router.register("priority-areas", programmes_api.PriorityAreaViewSet, basename="priority-area")
router.register("intervention-types", programmes_api.InterventionTypeViewSet, basename="intervention-type")
router.register("prevention-levels", programmes_api.PreventionLevelViewSet, basename="prevention-level")
router.register("target-groups", programmes_api.TargetGroupViewSet, basename="target-group")

# London's geography: read only, any signed-in user.
router.register("boroughs", partners_api.BoroughViewSet, basename="borough")
router.register("bcus", partners_api.BasicCommandUnitViewSet, basename="bcu")
router.register("wards", partners_api.WardViewSet, basename="ward")

# Programmes and their parts: VRU staff, managers and admins.
router.register("programmes", programmes_api.ProgrammeViewSet, basename="programme")
router.register("milestones", programmes_api.MilestoneViewSet, basename="milestone")
router.register("indicators", programmes_api.IndicatorViewSet, basename="indicator")

# Partners, borough plans and the Partnership Reference Group.
organisations_api.register(router)
plans_api.register(router)
prg_api.register(router)

# Commissioning: funds, rounds, applications, assessments, grants and returns. The published grants are
# open data, served as the 360Giving downloads at /grants/ rather than through the API.
for part in (rounds_api, applications_api, assessment_api, grants_api, returns_api):
    part.register(router)


# Performance reports (VRU roles and PRG members, people's small counts hidden from PRG) and the requests to build them.
reports_api.register(router)

# Population indicators, their figures and their CSV imports: VRU roles.
population_api.register(router)

# Your own API tokens: any signed-in user.
api_tokens_api.register(router)

urlpatterns = router.urls
