"""Hooks of `cargo xtask schemathesis` (loaded through SCHEMATHESIS_HOOKS).

An `Idempotency-Key` names one request: the server replays the first answer to the same
request and refuses (422 `idempotency/key-reused`) another request with that key, as the IETF
draft says. The schema cannot say "a new key for each new request", so a generated key that
is well formed is replaced with a fresh one, as a client would send; keys that break the
header's rules are sent as generated. Replays are tested by the e2e suite (`idempotency`).
"""

import re
import uuid

import schemathesis

# What the server takes as a key (the header's schema): 1–255 printable ASCII characters or
# tabs, not all blank.
WELL_FORMED = re.compile(r"^[\x20-\x7e\t]{1,255}$")


@schemathesis.hook
def before_call(context, case, kwargs):
    headers = case.headers or {}
    for name in list(headers):
        value = headers[name]
        if (
            name.lower() == "idempotency-key"
            and isinstance(value, str)
            and WELL_FORMED.match(value)
            and value.strip(" \t")
        ):
            headers[name] = str(uuid.uuid4())


# A raw email (`message/rfc822`, the support desk's inbound route) is text: sent as text/plain
# would be. Text that is no email is refused with 422 `support/unreadable-email`, which
# `schemathesis.toml` lists among the rules no schema states.
schemathesis.serializer.alias("message/rfc822", "text/plain")
