"""Which hosts and addresses a fetch may reach (SSRF defence for URL ingest).

A URL given to ``POST /v1/articles`` or found in a feed is attacker-controlled, and the worker
stores what it fetches where a read key can see it. So before every connection (and on every
redirect hop) the host is resolved here and each address is vetted with the ``ipaddress``
module: whatever notation the URL used (``0x7f000001``, ``2130706433``, ``017700000001``,
``[::ffff:127.0.0.1]``), the resolver turns it into an address and the address is what is
checked. The caller then connects to the vetted address itself, so a DNS answer that changes
between check and connect (rebinding) cannot redirect the request.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass, field

from graph.settings import Settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

# Cloud metadata endpoints: refused even when private addresses are allowed for tests.
METADATA = frozenset({ipaddress.ip_address("169.254.169.254"),
                      ipaddress.ip_address("fd00:ec2::254")})
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class Refused(Exception):  # noqa: N818 - a verdict, not a crash
    """The URL may not be fetched; the message says why (stored as the article's error)."""


def _embedded_v4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, 6to4, Teredo, NAT64), if any."""
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def address_problem(ip: Address, *, allow_private: bool = False) -> str | None:
    """Why ``ip`` must not be contacted, or None when it is a public unicast address."""
    if ip in METADATA:
        return "a cloud metadata address"
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_v4(ip)
        if inner is not None:
            return address_problem(inner, allow_private=allow_private)
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_unspecified:
        return "the unspecified address"
    if allow_private:
        return None
    for what, flag in (("a loopback", ip.is_loopback), ("a link-local", ip.is_link_local),
                       ("a private", ip.is_private), ("a reserved", ip.is_reserved)):
        if flag:
            return f"{what} address"
    if not ip.is_global:  # shared address space (100.64/10), benchmarking nets, ...
        return "a non-public address"
    return None


def _host_matches(host: str, patterns: tuple[str, ...]) -> bool:
    """'example.org' matches itself and its subdomains; '.example.org' only subdomains."""
    for p in patterns:
        if p.startswith("."):
            if host.endswith(p):
                return True
        elif host == p or host.endswith("." + p):
            return True
    return False


@dataclass(frozen=True)
class FetchPolicy:
    allow_hosts: tuple[str, ...] = ()
    deny_hosts: tuple[str, ...] = ()
    allow_private: bool = False
    content_types: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchPolicy:
        def split(value: str) -> tuple[str, ...]:
            return tuple(v.strip().lower().rstrip(".") for v in value.split(",") if v.strip())

        return cls(split(settings.fetch_allow_hosts), split(settings.fetch_deny_hosts),
                   settings.fetch_allow_private, split(settings.fetch_content_types))

    def vet_host(self, host: str, port: int) -> Address:
        """Resolve ``host`` and return the address to connect to; raise ``Refused``."""
        name = host.strip("[]").lower().rstrip(".")
        if not name:
            raise Refused("the URL has no host")
        if _host_matches(name, self.deny_hosts):
            raise Refused(f"host {name!r} is on the deny-list (KG_FETCH_DENY_HOSTS)")
        if self.allow_hosts and not _host_matches(name, self.allow_hosts):
            raise Refused(f"host {name!r} is not on the allow-list (KG_FETCH_ALLOW_HOSTS)")
        try:
            infos = socket.getaddrinfo(name, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError, ValueError) as exc:
            raise Refused(f"cannot resolve host {name!r}: {exc}") from None
        addrs = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
        if not addrs:
            raise Refused(f"host {name!r} has no address")
        # Every address must pass: a name that also resolves to 127.0.0.1 is refused whole.
        for ip in addrs:
            problem = address_problem(ip, allow_private=self.allow_private)
            if problem:
                raise Refused(f"host {name!r} resolves to {ip}, {problem}; "
                              "refused to prevent server-side request forgery")
        return addrs[0]

    def content_type_ok(self, content_type: str) -> bool:
        main = content_type.split(";")[0].strip().lower()
        return not main or not self.content_types or main in self.content_types
