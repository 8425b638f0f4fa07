"""Self-signed TLS certificates for the tests' local servers, made with openssl."""

import ipaddress
import subprocess


def self_signed(folder, name):
    """A one-day certificate for ``name`` (a host name or an IP address) and its key, written
    to folder; their paths (certificate, key)."""
    try:
        ipaddress.ip_address(name)
        alternative = f"IP:{name}"
    except ValueError:
        alternative = f"DNS:{name}"
    certificate, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", key, "-out", certificate,
         "-subj", f"/CN={name}", "-addext", f"subjectAltName={alternative}"],
        check=True, capture_output=True,
    )  # fmt: skip
    return certificate, key
