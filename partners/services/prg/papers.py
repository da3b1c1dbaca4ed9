"""Meeting papers, the recommendations each makes and the decision taken on each."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from partners.files import check_paper_file
from partners.models import Decision, Meeting, Paper, Recommendation
from partners.services.prg._common import long_date, unknown_fields

RECOMMENDATION_FIELDS = ("kind", "text", "order")


def paper_file_name(title: str, extension: str) -> str:
    """A safe file name from the paper's title, with the extension of what the file really is."""
    return f"{slugify(title)[:80].strip('-') or 'paper'}{extension}"


def _check_agenda_item(meeting: Meeting, agenda_item) -> None:
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": "Choose an item on this meeting's agenda."})


@transaction.atomic
def paper_upload(*, user, meeting: Meeting, title: str, file, agenda_item=None) -> Paper:
    """Check an uploaded file by its content and keep it, privately, as one of the meeting's papers.

    Nothing is saved unless the file is a real PDF, Word document or Excel
    workbook within ``settings.PRG_PAPER_MAX_BYTES``.
    """
    if file is None:
        raise ValidationError({"file": "Choose the paper's file."})
    try:
        checked = check_paper_file(file)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    _check_agenda_item(meeting, agenda_item)
    paper = Paper(
        meeting=meeting,
        agenda_item=agenda_item,
        title=(title or "").strip(),
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=user,
    )
    paper.full_clean(exclude=["file"])
    paper.file.save(paper_file_name(paper.title, checked.extension), file, save=False)
    try:
        paper.save()
    except BaseException:
        paper.file.storage.delete(paper.file.name)
        raise
    return paper


@transaction.atomic
def paper_update(*, user, paper: Paper, title: str, agenda_item=None) -> Paper:
    """Retitle a paper or move it to another item of its meeting's agenda; its file stays as checked."""
    paper = Paper.objects.select_for_update().get(pk=paper.pk)
    _check_agenda_item(paper.meeting, agenda_item)
    paper.title, paper.agenda_item = (title or "").strip(), agenda_item
    paper.full_clean()
    paper.save(update_fields=["title", "agenda_item"])
    return paper


@transaction.atomic
def paper_delete(*, user, paper: Paper) -> None:
    """Remove a paper that no decision rests on; its file goes once the removal is committed."""
    if Decision.objects.filter(recommendation__paper=paper).exists():
        raise ValidationError("Decisions are recorded on this paper's recommendations, so it is kept.")
    storage, name = paper.file.storage, paper.file.name
    paper.delete()
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def recommendation_save(
    *, user, paper: Paper, recommendation: Recommendation | None = None, **fields
) -> Recommendation:
    """Add one of a paper's recommendations (at the end unless ``order`` says where), or change one."""
    unknown_fields(fields, RECOMMENDATION_FIELDS)
    recommendation = recommendation or Recommendation(paper=paper)
    if recommendation.paper_id != paper.pk:
        raise ValidationError("This recommendation belongs to another paper.")
    if fields.get("order") is None:
        fields.pop("order", None)
        if recommendation.pk is None:
            last = paper.recommendations.aggregate(last=Max("order"))["last"]
            recommendation.order = 1 if last is None else last + 1
    for name, value in fields.items():
        setattr(recommendation, name, value)
    recommendation.text = (recommendation.text or "").strip()
    recommendation.full_clean()
    recommendation.save()
    return recommendation


@transaction.atomic
def recommendation_delete(*, user, recommendation: Recommendation) -> None:
    if Decision.objects.filter(recommendation=recommendation).exists():
        raise ValidationError("A decision is recorded on this recommendation, so it is kept.")
    recommendation.delete()


@transaction.atomic
def decision_record(*, user, recommendation: Recommendation, outcome: str, minute: str) -> Decision:
    """Record the decision the group took on a recommendation, with its minute, or correct it.

    Only once the meeting has begun; the change history keeps who changed what.
    """
    recommendation = Recommendation.objects.select_related("paper__meeting").get(pk=recommendation.pk)
    meeting = recommendation.paper.meeting
    if meeting.starts_at > timezone.now():
        raise ValidationError(
            {
                "outcome": "A decision can only be recorded once the meeting has taken place, "
                f"on {long_date(timezone.localdate(meeting.starts_at))}."
            }
        )
    minute = (minute or "").strip()
    if not minute:
        raise ValidationError({"minute": "Enter the minute that records the decision."})
    decision = Decision.objects.select_for_update().filter(recommendation=recommendation).first()
    if decision is None:
        decision = Decision(recommendation=recommendation, recorded_by=user)
    elif decision.outcome == outcome and decision.minute == minute:
        return decision
    decision.outcome, decision.minute = outcome, minute
    decision.full_clean()
    decision._history_user = user
    decision.save()
    return decision
