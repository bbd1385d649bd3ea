"""A real SMTP server for the tests: aiosmtpd on a loopback port, keeping what it
receives as JSON files the Rust tests read.

    python3 smtp_sink.py DIR [PORT]

Prints `listening PORT` once it accepts connections. Each message becomes DIR/N.json:
the envelope (`mail_from`, `rcpt_tos`), every header as received (`headers`, a list of
[name, value] pairs, so that a second `Bcc` would show), and the text body as Python's
email parser decodes it (`body`).
"""

import asyncio
import email
import email.policy
import json
import os
import sys

from aiosmtpd.controller import Controller


class Keep:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        part = message.get_body(preferencelist=("plain",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "headers": [[name, str(value)] for name, value in message.items()],
            "raw_headers": envelope.content.split(b"\r\n\r\n", 1)[0].decode("ascii", "replace"),
            "body": part.get_content() if part is not None else "",
        }
        self.count += 1
        path = os.path.join(self.directory, f"{self.count:04}.json")
        with open(path + ".part", "w", encoding="utf-8") as out:
            json.dump(record, out)
        os.rename(path + ".part", path)
        return "250 OK"


def main():
    directory = sys.argv[1]
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    controller = Controller(Keep(directory), hostname="127.0.0.1", port=port)
    controller.start()
    bound = controller.server.sockets[0].getsockname()[1]
    print(f"listening {bound}", flush=True)
    try:
        # Until the test ends it (or stdin closes).
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
