"""aiosmtpd handler for tests: the Mailbox handler, but some recipients are refused or answered slowly, the way
real servers misbehave.

RCPT TO an address starting with "tolak" gets 550 (permanent), one starting with "sibuk" gets 451 (transient).
"lambatN..." (N seconds) answers its RCPT after N seconds. "tundaN..." has its message delivered to the mailbox at
once and the final answer to DATA held back N seconds (a server that accepted the mail but whose answer is late).
"""
import asyncio
import re

from aiosmtpd.handlers import Mailbox


def _seconds(local, prefix):
    match = re.match(prefix + r"(\d+)", local)
    return int(match.group(1)) if match else None


class RejectingMailbox(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local.startswith("tolak"):
            return "550 5.1.1 <%s>: alamat tujuan tidak dikenal" % address
        if local.startswith("sibuk"):
            return "451 4.3.0 Server sibuk, coba lagi nanti"
        slow = _seconds(local, "lambat")
        if slow:
            await asyncio.sleep(slow)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        answer = await super().handle_DATA(server, session, envelope)
        late = max((_seconds(a.split("@", 1)[0].lower(), "tunda") or 0) for a in envelope.rcpt_tos)
        if late:
            await asyncio.sleep(late)
        return answer
