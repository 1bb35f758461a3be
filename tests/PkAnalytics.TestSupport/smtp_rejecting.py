"""aiosmtpd handler for tests: the Mailbox handler, but some recipients are refused the way real servers refuse.

RCPT TO an address starting with "tolak" gets 550 (permanent), one starting with "sibuk" gets 451 (transient).
"""
from aiosmtpd.handlers import Mailbox


class RejectingMailbox(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local.startswith("tolak"):
            return "550 5.1.1 <%s>: alamat tujuan tidak dikenal" % address
        if local.startswith("sibuk"):
            return "451 4.3.0 Server sibuk, coba lagi nanti"
        envelope.rcpt_tos.append(address)
        return "250 OK"
