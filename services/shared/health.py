"""Liveness and readiness probes, public on every service."""

import asyncio

from fastapi import APIRouter, Request
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from services.shared.errors import ServiceUnavailable, problem_responses

router = APIRouter(tags=["health"])
READINESS_TIMEOUT_SECONDS = 2.0


class HealthStatus(BaseModel):
    status: str
    service: str


@router.get("/healthz", operation_id="healthz")
async def healthz(request: Request) -> HealthStatus:
    """The process is up."""
    return HealthStatus(status="ok", service=request.app.title)


@router.get("/readyz", operation_id="readyz", responses=problem_responses(503))
async def readyz(request: Request) -> HealthStatus:
    """The process can reach its database."""
    engine: AsyncEngine = request.app.state.engine
    try:
        async with asyncio.timeout(READINESS_TIMEOUT_SECONDS), engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception as exc:
        raise ServiceUnavailable(
            "La base de données est injoignable.", code="db.unavailable"
        ) from exc
    return HealthStatus(status="ready", service=request.app.title)
