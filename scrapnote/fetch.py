"""Fetching one URL (part of ``sources.py``'s room): bounded in time, in memory and in where it may go.

Three rules, each held by one mechanism rather than by checks sprinkled over httpx's defaults:

- **One deadline per fetch.** Name resolution, connecting, TLS, the headers, the body and every
  redirect share one clock (:class:`_Guard`). Every socket read and write is given the time that is
  left, not a fresh per-read timeout (a server sending one byte a second never trips those), and a
  timer shuts the sockets down when the deadline passes, so that not even a trickled TLS handshake
  outlives it. The message names that deadline.
- **Decoded bytes are capped across every content-encoding layer.** The body is read raw from the
  socket and decoded here, layer by layer, each ``zlib`` step asked for at most ``_STEP`` bytes
  (``max_length``), and reading stops as soon as the decoded total passes the limit: ``gzip, gzip``
  of a gigabyte of zeros costs a few kilobytes from the socket and never more than ``_STEP`` bytes
  per layer in memory.
- **Where it may connect.** Each host is resolved once (by :func:`resolve_host`) and every address
  it gives is checked (:func:`address_class`) before connecting to exactly those addresses, so a
  second DNS answer cannot send the connection elsewhere. Link-local and cloud-metadata addresses
  (and hostnames) are always refused. The host the user typed may be private or loopback (an
  intranet page, a test server); a redirect may go to public addresses and to the classes of
  address the typed host had, nothing else — a public page cannot redirect into the local network.

Proxies from the environment (``HTTP_PROXY`` …) are not used: the checks are about the addresses
connected to, which a proxy would hide.
"""
from __future__ import annotations

import ipaddress
import socket
import threading
import time
import zlib
from collections.abc import Callable, Generator, Iterator
from typing import Any

from scrapnote.decode import too_big
from scrapnote.errors import InputError

MAX_REDIRECTS = 5
USER_AGENT = "Mozilla/5.0 (compatible; scrapnote/0.1; +https://github.com/scrapnote)"
_OK_TYPES = ("text/", "application/xhtml+xml", "application/xml", "application/rss+xml", "application/atom+xml")
_STEP = 64 * 1024  # the most one decoding layer hands on at a time

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Cloud instance-metadata services: never a news page, the classic target of a server-side request.
METADATA_HOSTS = frozenset({
    "metadata", "metadata.google.internal", "metadata.goog", "metadata.azure.internal",
    "instance-data", "instance-data.ec2.internal", "metadata.tencentyun.com", "metadata.platformequinix.com",
})
METADATA_ADDRESSES = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200", "192.0.0.192", "169.254.169.123",
))

PUBLIC, PRIVATE, LOOPBACK = "public", "private", "loopback"
_REFUSED = "refused"


def address_class(ip: IPAddress) -> str:
    """``public``, ``private``, ``loopback``, or a reason it is refused whatever the user typed."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip in METADATA_ADDRESSES:
        return f"{_REFUSED}: a cloud-metadata address"
    if ip.is_link_local:
        return f"{_REFUSED}: a link-local address"
    if ip.is_multicast or ip.is_unspecified or (ip.is_reserved and not ip.is_private):
        return f"{_REFUSED}: not a host's address"
    if ip.is_loopback:
        return LOOPBACK
    if ip.is_global:
        return PUBLIC
    return PRIVATE


def resolve_host(host: str, port: int) -> list[IPAddress]:
    """Every address of ``host`` (the system resolver; an address literal is itself)."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    out: list[IPAddress] = []
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if ip not in out:
            out.append(ip)
    return out


class _Expired(Exception):
    """The fetch's deadline has passed."""


class _Guard:
    """One fetch's clock, its sockets and the addresses each host was checked to have."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds
        self.expired = False
        self.pinned: dict[str, list[IPAddress]] = {}
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def left(self) -> float:
        rest = self.ends - time.monotonic()
        if rest <= 0 or self.expired:
            self.expired = True
            raise _Expired
        return rest

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for s in self._socks:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def track(self, sock: socket.socket) -> None:
        with self._lock:
            self._socks.append(sock)
            if self.expired:
                raise _Expired

    def close(self) -> None:
        self._timer.cancel()

    def resolve(self, host: str, port: int) -> list[IPAddress]:
        """``host``'s addresses, looked up once per fetch, within the deadline."""
        key = host.lower().rstrip(".")
        if key in self.pinned:
            return self.pinned[key]
        box: dict[str, Any] = {}

        def run() -> None:
            try:
                box["ips"] = resolve_host(key, port)
            except (OSError, UnicodeError) as e:
                box["error"] = e

        t = threading.Thread(target=run, daemon=True)
        t.start()
        t.join(self.left())
        if t.is_alive():
            self.expired = True
            raise _Expired
        if "error" in box or not box.get("ips"):
            err = box.get("error")
            raise InputError(f"cannot find the host {host}" + (f" ({_short(err)})" if err else ""))
        self.pinned[key] = box["ips"]
        return box["ips"]


def _backend(guard: _Guard) -> Any:
    """An httpcore network backend that connects only to the guard's checked addresses, on its clock."""
    import httpcore
    from httpcore._backends.sync import SyncStream

    def bounded(timeout: float | None) -> float:
        rest = guard.left()
        return rest if timeout is None else min(timeout, rest)

    class Stream(SyncStream):
        def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
            try:
                return super().read(max_bytes, bounded(timeout))
            except _Expired:
                raise httpcore.ReadTimeout("deadline") from None

        def write(self, buffer: bytes, timeout: float | None = None) -> None:
            try:
                super().write(buffer, bounded(timeout))
            except _Expired:
                raise httpcore.WriteTimeout("deadline") from None

        def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                      timeout: float | None = None) -> Any:
            try:
                inner = super().start_tls(ssl_context, server_hostname, bounded(timeout))
            except _Expired:
                raise httpcore.ConnectTimeout("deadline") from None
            sock = inner.get_extra_info("socket")
            guard.track(sock)
            return Stream(sock)

    class Backend(httpcore.NetworkBackend):
        def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                        local_address: str | None = None, socket_options: Any = None) -> Any:
            key = host.lower().rstrip(".").strip("[]")
            ips = guard.pinned.get(key)
            if not ips:  # every host is checked before its request; this is only a second lock on the door
                raise httpcore.ConnectError(f"{host}: not checked before connecting")
            last: OSError | None = None
            for ip in ips:
                try:
                    sock = socket.create_connection((str(ip), port), bounded(timeout))
                except _Expired:
                    raise httpcore.ConnectTimeout("deadline") from None
                except TimeoutError:
                    raise httpcore.ConnectTimeout("deadline" if guard.expired else "connect") from None
                except OSError as e:
                    last = e
                    continue
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                try:
                    guard.track(sock)
                except _Expired:
                    sock.close()
                    raise httpcore.ConnectTimeout("deadline") from None
                return Stream(sock)
            raise httpcore.ConnectError(str(last) if last else f"{host}: no address")

    return Backend()


def _layers(header: str, url: str) -> list[Callable[[], Any]]:
    """The decoders of a Content-Encoding header, in the order they are to be undone."""
    makers: list[Callable[[], Any]] = []
    for name in (p.strip().lower() for p in header.split(",")):
        if name in ("", "identity"):
            continue
        if name in ("gzip", "x-gzip"):
            makers.append(lambda: _Gzip())
        elif name == "deflate":
            makers.append(lambda: _Deflate())
        else:
            raise InputError(f"{url}: the server sent the page in an encoding scrapnote does not read ({name})")
    return makers[::-1]


class _Gzip:
    """gzip, members one after another; ``decompress`` hands on at most ``limit`` bytes a call."""

    def __init__(self) -> None:
        self._d = zlib.decompressobj(zlib.MAX_WBITS | 16)

    def decompress(self, data: bytes, limit: int) -> tuple[bytes, bytes]:
        if self._d.eof:  # a new member follows
            if not data.strip(b"\0"):
                return b"", b""
            self._d = zlib.decompressobj(zlib.MAX_WBITS | 16)
        out = self._d.decompress(data, limit)
        rest = self._d.unconsumed_tail or (self._d.unused_data if self._d.eof else b"")
        return out, rest


class _Deflate:
    """deflate as servers send it: zlib-wrapped, or raw (the first bytes tell)."""

    def __init__(self) -> None:
        self._d: Any = None

    def decompress(self, data: bytes, limit: int) -> tuple[bytes, bytes]:
        if self._d is None:
            if not data:
                return b"", b""
            wrapped = len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0
            self._d = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        if self._d.eof:
            return b"", b""
        out = self._d.decompress(data, limit)
        return out, self._d.unconsumed_tail


def _decoded(raw: Iterator[bytes], makers: list[Callable[[], Any]]) -> Generator[bytes, None, None]:
    """The body with every layer undone, in pieces of at most ``_STEP`` bytes, pulled on demand."""
    layers = [m() for m in makers]

    def through(i: int, data: bytes) -> Iterator[bytes]:
        if i == len(layers):
            if data:
                yield data
            return
        layer = layers[i]
        while True:
            out, data = layer.decompress(data, _STEP)
            if out:
                yield from through(i + 1, out)
            if not data and len(out) < _STEP:
                return

    for chunk in raw:
        yield from through(0, chunk)
    yield from through(0, b"")


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def secs(t: float) -> str:
    return f"{t:g} s"


def _name(host: str, ip: IPAddress) -> str:
    """The host as typed, with the address it resolved to when that is not the host itself."""
    try:
        if ipaddress.ip_address(host) == ip:
            return host
    except ValueError:
        pass
    return f"{host} ({ip})"


def _check(url: str, host: str, ips: list[IPAddress], allowed: set[str] | None, came_from: str | None) -> set[str]:
    """Refuse what ``host`` may not be; the classes of its addresses."""
    classes: set[str] = set()
    for ip in ips:
        kind = address_class(ip)
        if kind.startswith(_REFUSED):
            what = _name(host, ip)
            via = f" (redirected from {came_from})" if came_from else ""
            raise InputError(f"{url}: refused: {what} is {kind[len(_REFUSED) + 2:]}{via}")
        if allowed is not None and kind not in allowed:
            what = _name(host, ip)
            raise InputError(f"{url}: refused a redirect from {came_from} to {what}, a {kind} address")
        classes.add(kind)
    return classes


def fetch(url: str, *, max_bytes: int, deadline: float) -> tuple[bytes, str, str | None, str]:
    """GET ``url`` → (body, final URL, content type, Content-Type header). :class:`InputError` on failure."""
    import httpx
    import httpcore

    guard = _Guard(deadline)
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
        "Accept-Language": "ko-KR,ko;q=0.9,en;q=0.5",
        "Accept-Encoding": "gzip, deflate",
    }
    transport = httpx.HTTPTransport()
    transport._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(),
                                              network_backend=_backend(guard))
    current = url
    allowed: set[str] | None = None
    came_from: str | None = None
    try:
        with httpx.Client(transport=transport, follow_redirects=False, headers=headers,
                          timeout=httpx.Timeout(deadline)) as client:
            for _hop in range(MAX_REDIRECTS + 1):
                target = httpx.URL(current)
                if target.scheme not in ("http", "https"):
                    if came_from is None:
                        raise InputError(f"{url}: not a valid web address (scheme {target.scheme!r})")
                    raise InputError(f"{url}: refused a redirect to a {target.scheme or 'relative'} address")
                host = target.host
                if not host:
                    raise InputError(f"{url}: not a valid web address (no host)")
                if host.lower().rstrip(".") in METADATA_HOSTS:
                    via = f" (redirected from {came_from})" if came_from else ""
                    raise InputError(f"{url}: refused: {host} is a cloud-metadata host{via}")
                try:
                    ips = guard.resolve(host, target.port or (443 if target.scheme == "https" else 80))
                except InputError as e:
                    raise InputError(f"{url}: {e}") from None
                classes = _check(url, host, ips, allowed, came_from)
                if allowed is None:
                    allowed = {PUBLIC} | classes
                with client.stream("GET", target) as resp:
                    if resp.is_redirect and "location" in resp.headers:
                        came_from = host
                        current = str(target.join(resp.headers["location"]))
                        continue
                    return _body(url, resp, max_bytes, guard)
            raise InputError(f"{url}: too many redirects (more than {MAX_REDIRECTS})")
    except InputError:
        raise
    except _Expired:
        raise _timed_out(url, guard) from None
    except httpx.TimeoutException:
        raise _timed_out(url, guard) from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as e:
        raise InputError(f"{url}: not a valid web address ({_short(e)})") from None
    except httpx.HTTPError as e:
        if guard.expired:
            raise _timed_out(url, guard) from None
        if isinstance(e, httpx.ConnectError):
            raise InputError(f"{url}: could not connect ({_short(e)})") from None
        raise InputError(f"{url}: download failed ({_short(e)})") from None
    except zlib.error as e:
        raise InputError(f"{url}: the server sent a damaged compressed page ({_short(e)})") from None
    finally:
        guard.close()


def _timed_out(url: str, guard: _Guard) -> InputError:
    return InputError(f"{url}: timed out after {secs(guard.seconds)} (the deadline for the whole download)")


def _body(url: str, resp: Any, max_bytes: int, guard: _Guard) -> tuple[bytes, str, str | None, str]:
    if resp.status_code >= 400:
        reason = resp.reason_phrase or ""
        raise InputError(f"{url}: HTTP {resp.status_code} {reason}".rstrip())
    ctype_header = resp.headers.get("content-type", "")
    ctype = ctype_header.split(";")[0].strip().lower() or None
    if ctype and not ctype.startswith(_OK_TYPES):
        raise InputError(f"{url}: not a web page (content type {ctype})")
    makers = _layers(resp.headers.get("content-encoding", ""), url)
    length = resp.headers.get("content-length")
    if not makers and length and length.isdigit() and int(length) > max_bytes:
        raise too_big(url, int(length), max_bytes)
    chunks: list[bytes] = []
    size = 0
    raw_size = 0

    def raw() -> Iterator[bytes]:
        nonlocal raw_size
        for chunk in resp.iter_raw(_STEP):
            raw_size += len(chunk)
            if raw_size > max_bytes:  # compressed and still over the limit: the decoded page is too
                raise too_big(url, None, max_bytes)
            yield chunk
            guard.left()

    pieces = _decoded(raw(), makers)
    try:
        for piece in pieces:
            size += len(piece)
            if size > max_bytes:
                raise too_big(url, None, max_bytes)
            chunks.append(piece)
    finally:
        pieces.close()
    return b"".join(chunks), str(resp.url), ctype, ctype_header
