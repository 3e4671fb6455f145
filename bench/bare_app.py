"""The baseline of the interviews benchmark: a bare FastAPI endpoint that inserts one row with
raw asyncpg, served by uvicorn like the services (no auth, no ORM, no peer calls)."""

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI

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
