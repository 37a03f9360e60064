"""Who a request comes from, for the limits that count per client."""

from django.conf import settings


def client_ip(request):
    """The client's address, trusting X-Forwarded-For only as far as NINJA_NUM_PROXIES.

    The same rule as the API's throttle (ninja), so that one client is one client everywhere:
    the address the nearest trusted proxy saw, never one the client wrote itself.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.NINJA_NUM_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if not proxies or not forwarded:
        return remote
    addresses = [address.strip() for address in forwarded.split(",")]
    return addresses[-min(proxies, len(addresses))] or remote
