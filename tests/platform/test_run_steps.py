"""The run command waits as long as a slow service is still starting, and says so."""

import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from services.platform.stack import wait_until_up


class _Ready(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.end_headers()

    def log_message(self, *_: object) -> None:
        pass


def _sleeper(seconds: float) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", f"import time; time.sleep({seconds})"])


def test_a_slow_start_is_waited_for_with_progress_messages(
    capsys: pytest.CaptureFixture[str],
) -> None:
    server = HTTPServer(("127.0.0.1", 0), _Ready)
    url = f"http://127.0.0.1:{server.server_port}/readyz"
    server.server_close()  # nothing answers yet: the "service" is still starting
    port = server.server_port
    process = _sleeper(30)

    def answer_later() -> None:
        time.sleep(1.5)
        late = HTTPServer(("127.0.0.1", port), _Ready)
        late.handle_request()
        late.server_close()

    thread = threading.Thread(target=answer_later)
    thread.start()
    try:
        wait_until_up(url, process, "service slow", progress_every=0.5)
    finally:
        process.kill()
        thread.join()
    assert "still waiting for service slow" in capsys.readouterr().out


def test_a_service_that_exits_while_starting_stops_the_wait_at_once() -> None:
    process = _sleeper(0)
    process.wait()
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="service dead exited with code 0"):
        wait_until_up("http://127.0.0.1:9/readyz", process, "service dead")
    assert time.monotonic() - started < 5
