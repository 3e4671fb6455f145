"""A batch of letters written as volumes of a bounded number of letters.

ReportLab keeps every page of a document until it is saved (about 17 MiB per 1,000 letters
with their QR codes), so one document per campaign needs memory in proportion to the
campaign. Here each volume is drawn and saved once full, and stored: memory is bounded by a
volume whatever the campaign's size. The first volume is drawn here, page by page as the
letters come (a thread, as before volumes existed: most campaigns fit in one); once it is
full, the next ones are drawn by processes of their own (:mod:`.render`, two at a time: both
cores) while the campaign goes on reading its list and recording invitations.

A batch of one volume is stored at the batch's own key, as before volumes existed; the
volumes of a larger one at :func:`volume_key`.
"""

import asyncio
import os
import sys
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from services.interviews.letters import pdf, render
from services.shared.settings import PROJECT_ROOT
from services.shared.storage import Storage

PDF = "application/pdf"


def volume_key(batch_key: str, volume: int, volumes: int) -> str:
    """Where volume ``volume`` (from 1) of a batch of ``volumes`` is stored."""
    if volumes == 1:
        return batch_key
    return f"{batch_key.removesuffix('.pdf')}-volume-{volume:04d}.pdf"


class VolumeWriter:
    """Takes letters; every ``per_volume`` of them make a volume: the first drawn here, the
    next ones by processes of their own."""

    def __init__(
        self, storage: Storage, folder: Path, batch_key: str, title: str, per_volume: int
    ) -> None:
        self.storage, self.folder, self.batch_key, self.title = storage, folder, batch_key, title
        self.per_volume = per_volume
        self.pending: list[pdf.Letter] = []
        self.volumes = 0
        self._first: Canvas | None = pdf.open_batch(self._path(1), title)
        self._in_first = 0
        self._workers = max(1, min(2, len(os.sched_getaffinity(0))))
        self._drawing: list[tuple[int, Path, asyncio.Task[None]]] = []
        self._drawn: list[tuple[int, Path]] = []  # drawn, not stored until the count is known

    async def add(self, letters: list[pdf.Letter]) -> None:
        if self._first is not None:
            room = self.per_volume - self._in_first
            await asyncio.to_thread(pdf.add_letters, self._first, letters[:room])
            self._in_first += len(letters[:room])
            letters = letters[room:]
            if self._in_first == self.per_volume:
                await self._save_first()
        self.pending.extend(letters)
        while len(self.pending) >= self.per_volume:
            volume = self.pending[: self.per_volume]
            del self.pending[: self.per_volume]
            await self._draw(volume)

    async def close(self) -> int:
        """Draws the last volume and stores every one; answers how many there are (at least
        one, possibly without a page, so that the batch file always exists)."""
        try:
            if self._first is not None:
                await self._save_first()
            if self.pending:
                await self._draw(self.pending)
                self.pending = []
            await self._wait(0)
            for volume, path in self._drawn:
                await self._store(volume, path)
            return self.volumes
        finally:
            self.shutdown()

    def shutdown(self) -> None:
        """Stops the volumes still being drawn (a campaign that failed)."""
        for _, _, task in self._drawing:
            task.cancel()
        self._drawing.clear()

    async def _save_first(self) -> None:
        assert self._first is not None
        await asyncio.to_thread(self._first.save)
        self._first = None
        self.volumes = 1
        self._drawn.append((1, self._path(1)))

    def _path(self, volume: int) -> Path:
        return self.folder / f"volume-{volume:04d}.pdf"

    async def _draw(self, letters: list[pdf.Letter]) -> None:
        self.volumes += 1
        path = self._path(self.volumes)
        task = asyncio.create_task(self._render(letters, path))
        self._drawing.append((self.volumes, path, task))
        # As many volumes drawing as cores: the letters waiting stay bounded.
        await self._wait(self._workers - 1)

    async def _render(self, letters: list[pdf.Letter], path: Path) -> None:
        source = path.with_suffix(".json")
        await asyncio.to_thread(render.write_letters, source, letters)
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", render.__name__, str(source), str(path), self.title,
            cwd=PROJECT_ROOT,
        )  # fmt: skip
        try:
            if await process.wait() != 0:
                raise RuntimeError(f"drawing {path.name} failed ({process.returncode})")
        except asyncio.CancelledError:
            process.kill()
            raise
        finally:
            await asyncio.to_thread(source.unlink, missing_ok=True)

    async def _wait(self, keep: int) -> None:
        """Waits until at most ``keep`` volumes are still being drawn."""
        while len(self._drawing) > keep:
            volume, path, future = self._drawing.pop(0)
            await future
            self._drawn.append((volume, path))
            # Volumes before the last are stored as soon as drawn: at most two on disk.
            if len(self._drawn) > 1:
                stored, stored_path = self._drawn.pop(0)
                await self._store(stored, stored_path)

    async def _store(self, volume: int, path: Path) -> None:
        await self.storage.put_file(volume_key(self.batch_key, volume, self.volumes), path, PDF)
        await asyncio.to_thread(path.unlink)
