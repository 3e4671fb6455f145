"""The interviews service's long work (letter batches, letter contacts) as jobs with progress."""

import uuid

from fastapi import APIRouter

from services.interviews.deps import StaffReader
from services.shared.auth import CurrentCaisseScope
from services.shared.db import Base, DbSession
from services.shared.errors import NotFound, problem_responses
from services.shared.jobs import JobColumns, JobRead


class InterviewsJob(JobColumns, Base):
    __tablename__ = "interviews_job"


router = APIRouter(tags=["jobs"], responses=problem_responses(401, 403))


@router.get("/jobs/{job_id}", responses=problem_responses(404))
async def get_job(
    job_id: uuid.UUID, _: StaffReader, scope: CurrentCaisseScope, session: DbSession
) -> JobRead:
    """A job's progress (percent done) and, once finished, its result."""
    job = await session.get(InterviewsJob, job_id)
    if job is None or not (job.caisse_code is None or scope.allows(job.caisse_code)):
        raise NotFound("Tâche introuvable.", code="job.not_found")
    return JobRead.of(job)
