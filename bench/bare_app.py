"""The baseline of the interviews benchmark: a bare FastAPI endpoint that inserts one row with
raw asyncpg, served by uvicorn like the services (no auth, no ORM, no peer calls)."""

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI, Request, Response

from bench.targeting import connect_args


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.pool = await asyncpg.create_pool(**connect_args(os.environ["DATABASE_URL"]))
    async with app.state.pool.acquire() as connection:
        await connection.execute(
            "CREATE TABLE IF NOT EXISTS bench_bare (id bigserial PRIMARY KEY, payload jsonb)"
        )
    yield
    await app.state.pool.close()


app = FastAPI(lifespan=lifespan)


@app.post("/bare")
async def bare(body: dict[str, object]) -> dict[str, object]:
    async with app.state.pool.acquire() as connection:
        row_id = await connection.fetchval(
            "INSERT INTO bench_bare (payload) VALUES ($1::jsonb) RETURNING id",
            str(body).replace("'", '"'),
        )
    return {"id": row_id}


@app.get("/bare-etag")
async def bare_etag(request: Request) -> Response:
    """The reporting benchmark's baseline for a cached pull: one indexed read of a stored tag,
    304 when the client has it."""
    async with app.state.pool.acquire() as connection:
        etag = await connection.fetchval(
            "SELECT etag FROM reporting_bilan_version ORDER BY id LIMIT 1"
        )
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    return Response("{}", media_type="application/json", headers={"ETag": etag or ""})
