"""A receiver that answers at once, in a process of its own: the delivery-under-load test must not blame a slow
receiver (or the test process it would share) for what it measures.

    python -m tests.delivery.quick_receiver PORT_FILE IDS_FILE

Listens on a free port of 127.0.0.1 (written to ``PORT_FILE`` once it listens), answers every POST ``200 ok`` as soon
as its body is in, and on SIGTERM writes the ``messageId`` of every body it received to ``IDS_FILE``, one a line.
"""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from pathlib import Path

ANSWER = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok"


async def _connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, ids: list[str]) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            body = await reader.readexactly(length)
            writer.write(ANSWER)
            ids.append(json.loads(body).get("messageId", ""))
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def main(port_file: Path, ids_file: Path) -> None:
    ids: list[str] = []
    server = await asyncio.start_server(lambda r, w: _connection(r, w, ids), "127.0.0.1", 0, backlog=512)
    port_file.write_text(str(server.sockets[0].getsockname()[1]))
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    async with server:
        await stop.wait()
    ids_file.write_text("".join(f"{i}\n" for i in ids))


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), Path(sys.argv[2])))
