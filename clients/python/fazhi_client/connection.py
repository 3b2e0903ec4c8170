"""How the client reaches the services, read from the same settings as the C++ CLI:

    FAZHI_INGESTION_ADDR, FAZHI_QUERY_ADDR   host:port of the services
    FAZHI_TLS_CA                             PEM file of the CA that signed the services'
                                             certificates; set = connect with TLS
    FAZHI_TOKEN                              bearer token, sent as `authorization: Bearer ...`
    FAZHI_INSECURE_TOKEN=1                   send the token without TLS (services on this machine);
                                             otherwise a token without FAZHI_TLS_CA is refused

    security = ChannelSecurity.from_env()
    channel = security.channel("127.0.0.1:50053")
    stub.GetReport(request, metadata=security.metadata, timeout=30)
"""

import dataclasses
import os

import grpc

from fazhi_client import errors

# Documents are up to 20 MB by default (FAZHI_MAX_DOCUMENT_BYTES); leave room for the envelope.
_MAX_MESSAGE_BYTES = 64 * 1024 * 1024
_INSECURE_TOKEN_REFUSAL = (
    "refusing to send FAZHI_TOKEN without TLS, where anyone on the path can read it: set FAZHI_TLS_CA to "
    "the services' CA certificate, or pass insecure_token=True (FAZHI_INSECURE_TOKEN=1) for services on "
    "this machine")


def _invalid(message):
    return errors.InvalidArgumentError(grpc.StatusCode.INVALID_ARGUMENT, message)


@dataclasses.dataclass(frozen=True)
class ChannelSecurity:
    """TLS root certificate (PEM bytes; None: plaintext) and bearer token (None: no authorization)."""
    tls_root_cert: bytes = None
    token: str = None

    @classmethod
    def create(cls, tls_ca=None, token=None, insecure_token=False):
        """From a CA file path and a token; refuses a token that would travel in the clear unless
        insecure_token is set. Raises InvalidArgumentError for an unreadable or non-PEM CA file."""
        root_cert = None
        if tls_ca:
            try:
                with open(tls_ca, "rb") as file:
                    root_cert = file.read()
            except OSError as error:
                raise _invalid(f"FAZHI_TLS_CA: cannot read '{tls_ca}': {error.strerror}") from None
            if b"-----BEGIN CERTIFICATE-----" not in root_cert:
                raise _invalid(f"FAZHI_TLS_CA: not a PEM certificate: '{tls_ca}'")
        if token and root_cert is None and not insecure_token:
            raise _invalid(_INSECURE_TOKEN_REFUSAL)
        return cls(root_cert, token or None)

    @classmethod
    def from_env(cls, environ=os.environ):
        return cls.create(environ.get("FAZHI_TLS_CA"), environ.get("FAZHI_TOKEN"),
                          environ.get("FAZHI_INSECURE_TOKEN") == "1")

    @property
    def metadata(self):
        """The metadata every call carries."""
        return (("authorization", f"Bearer {self.token}"),) if self.token else ()

    def channel(self, address):
        options = [("grpc.max_send_message_length", _MAX_MESSAGE_BYTES),
                   ("grpc.max_receive_message_length", _MAX_MESSAGE_BYTES)]
        if self.tls_root_cert is None:
            return grpc.insecure_channel(address, options=options)
        return grpc.secure_channel(address, grpc.ssl_channel_credentials(root_certificates=self.tls_root_cert),
                                   options=options)
