"""Streams the rows of a query as a CSV download, in constant memory.

The rows are read in a session of the stream's own: the request's session has committed and
closed by the time the response body is sent.
"""

import csv
import io
from collections.abc import AsyncIterator, Sequence
from typing import Any

from fastapi.responses import StreamingResponse
from sqlalchemy import Select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

ROWS_PER_CHUNK = 5000
CSV_RESPONSE: dict[int | str, dict[str, Any]] = {200: {"content": {"text/csv": {}}}}


def csv_download(
    sessions: async_sessionmaker[AsyncSession],
    statement: Select[Any],
    header: Sequence[str],
    filename: str,
) -> StreamingResponse:
    async def chunks() -> AsyncIterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        async with sessions() as session, session.begin():
            result = await session.stream(statement.execution_options(yield_per=ROWS_PER_CHUNK))
            async for partition in result.partitions():
                writer.writerows(partition)
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    return StreamingResponse(
        chunks(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
