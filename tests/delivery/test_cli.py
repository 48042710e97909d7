"""``kuajing messages …`` and ``kuajing worker --once`` against a real receiver."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from kuajing.cli import app
from kuajing.domain.accounts.model import Credentials
from kuajing.runtime import Runtime
from tests.conftest import TEST_SECRET_KEY
from tests.delivery.conftest import publish
from tests.delivery.receiver import Receiver


def test_cli_sets_the_url_delivers_lists_and_redelivers(
    runtime: Runtime, demo: Credentials, receiver: Receiver, db_url: str, tmp_path: Path
) -> None:
    env = {
        "KUAJING_DATABASE_URL": db_url,
        "KUAJING_SECRET_KEY": TEST_SECRET_KEY,
        "KUAJING_SANDBOX": "1",
        "KUAJING_VAR_DIR": str(tmp_path / "var"),
    }
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(app, list(args), env=env)
        assert result.exit_code == 0, result.output
        return result.output

    refused = runner.invoke(app, ["messages", "set-url", demo.develop_id, "http://169.254.169.254/"], env=env)
    assert refused.exit_code == 1 and "metadata" in refused.output
    assert "set to" in run("messages", "set-url", demo.develop_id, receiver.url)
    assert run("messages", "get-url", demo.develop_id).strip() == receiver.url
    (message_id,) = publish(runtime, demo.develop_id)
    run("worker", "--once")
    assert receiver.ids() == {message_id: 1}
    assert "delivered" in run("messages", "list", demo.develop_id)
    assert "HTTP 200" in run("messages", "log", demo.develop_id, message_id)
    assert "queued 1" in run("messages", "redeliver", demo.develop_id, "--message-id", message_id)
    run("worker", "--once")
    assert receiver.ids() == {message_id: 2}
    assert "delivered     1" in run("messages", "stats")
    assert "removed" in run("messages", "clear-url", demo.develop_id)
