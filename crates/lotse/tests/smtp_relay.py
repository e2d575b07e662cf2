"""A mail relay for lotse's tests, built on aiosmtpd (Debian: python3-aiosmtpd), an
SMTP server written by others: TLS from the first byte (`smtps`) or STARTTLS required
(`starttls`), AUTH required over TLS with one user, every message kept as a file.

usage: smtp_relay.py MODE CERT KEY USER PASSWORD FOLDER; prints the port, then serves
until standard input closes."""

import os
import socket
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

mode, cert, key, user, password, folder = sys.argv[1:]


class Keep:
    async def handle_DATA(self, server, session, envelope):
        name = os.path.join(folder, "%d.eml" % len(os.listdir(folder)))
        with open(name, "wb") as out:
            out.write(envelope.original_content or b"")
        return "250 kept"


def authenticate(server, session, envelope, mechanism, data):
    ok = (
        isinstance(data, LoginPassword)
        and data.login.decode() == user
        and data.password.decode() == password
    )
    return AuthResult(success=ok)


with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]

context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)
common = dict(hostname="127.0.0.1", port=port, authenticator=authenticate, auth_required=True)
if mode == "smtps":
    # The whole connection is TLS; aiosmtpd 1.4 does not see that for its
    # auth_require_tls check and would not offer AUTH at all.
    controller = Controller(Keep(), ssl_context=context, auth_require_tls=False, **common)
else:
    controller = Controller(
        Keep(), tls_context=context, require_starttls=True, auth_require_tls=True, **common
    )
controller.start()
print(port, flush=True)
sys.stdin.read()
controller.stop()
