"""nginx's cache of anonymous views of the web app's public pages (nginx.conf.template, "pages
micro-cache"): `/`, `/eventos`, `/eventos/<id>`.

A plain anonymous view is kept to the end of its second and shared; each answer carries a fresh
script nonce (the secret placeholder the Next server rendered is replaced by this request's
$request_id, the nonce of its policy); cookies, credentials, share tokens and Next's router
requests never meet the cache. Runs when the test cluster deploys the frontend
(`CLUSTER_FRONTEND=1 make test-cluster`).
"""

from __future__ import annotations

import gzip
import re
import time
import uuid
from functools import partial

import pytest

from . import api
from .client import Load, Response
from .conftest import source_ips
from .test_microcache import early_in_a_second

NONCE = re.compile(r"'nonce-([0-9a-f]{32})'")


@pytest.fixture(scope="module")
def organizer(cluster) -> tuple[object, str]:
    c = cluster.client(source_ips(1)[0])
    user = api.register(c, name="Organizadora")
    return c, api.token(c, user["email"])


@pytest.fixture(scope="module")
def placeholder(cluster) -> str:
    """nginx's secret placeholder nonce (made when the cluster rendered nginx's config)."""
    text = (cluster.state / "nginx" / "page-nonce.conf").read_text()
    (value,) = re.findall(r'default "([0-9a-f]{32})";', text)
    return value


def in_one_second(steps, attempts: int = 5) -> list[Response]:
    """Run the requests early in a second; again if they did not all fit in it (the cache keeps a
    page only to the end of the second it was made in)."""
    for _ in range(attempts):
        early_in_a_second()
        second = int(time.time())
        answers = [step() for step in steps]
        if int(time.time()) == second:
            return answers
    pytest.fail(f"the requests did not fit in one second in {attempts} attempts")


def nonce_of(r: Response) -> str:
    """The answer's one script nonce, the same in its policy and on every <script> of its body."""
    (nonce,) = NONCE.findall(r.headers["content-security-policy"])
    scripts = re.findall(r"<script\b([^>]*)>", r.body.decode())
    assert scripts and all(f'nonce="{nonce}"' in attrs for attrs in scripts), [a for a in scripts if nonce not in a][:3]
    return nonce


def test_a_second_anonymous_view_is_served_from_the_cache_with_a_fresh_nonce(cluster, frontend, organizer, placeholder):
    event_id = api.create_event(*organizer)
    for path in ("/", "/eventos", f"/eventos/{event_id}", "/eventos?pagina=1"):
        first, again = in_one_second([partial(frontend.get, path), partial(frontend.get, path)])
        assert first.status == again.status == 200, (path, first.status, again.status)
        assert first.headers["x-cache-status"] in {"MISS", "EXPIRED"}, (path, first.headers)
        assert again.headers["x-cache-status"] == "HIT", (path, again.headers)
        n1, n2 = nonce_of(first), nonce_of(again)
        assert n1 != n2 and n1 == first.headers["x-request-id"] and n2 == again.headers["x-request-id"]
        # the same page: only the nonce differs
        assert again.body == first.body.replace(n1.encode(), n2.encode()), path
        for r in (first, again):
            assert placeholder.encode() not in r.body, path
            assert placeholder not in str(r.headers), path
            assert "x-accel-expires" not in r.headers
            assert "'unsafe-inline'" not in r.headers["content-security-policy"].split("script-src", 1)[1].split(";")[0]
    # compressed by nginx after the nonce was put in; HEAD: headers only
    z = frontend.get("/eventos", headers={"Accept-Encoding": "gzip"})
    assert z.status == 200 and z.headers.get("content-encoding") == "gzip", z.headers
    html = gzip.decompress(z.body)
    assert placeholder.encode() not in html
    assert f'nonce="{NONCE.findall(z.headers["content-security-policy"])[0]}"'.encode() in html
    head = frontend.request("HEAD", "/eventos")
    assert head.status == 200 and head.body == b"" and "x-cache-status" in head.headers


def test_a_conditional_request_never_gets_a_304_for_a_kept_page(cluster, frontend):
    """A 304 would let a browser reuse a body whose nonce the new policy no longer allows."""
    first, again = in_one_second(
        [
            partial(frontend.get, "/eventos"),
            partial(
                frontend.get,
                "/eventos",
                headers={"If-None-Match": "*", "If-Modified-Since": "Wed, 01 Jan 2031 00:00:00 GMT"},
            ),
        ]
    )
    assert first.status == 200 and again.status == 200 and again.headers["x-cache-status"] == "HIT"
    assert again.body == first.body.replace(nonce_of(first).encode(), nonce_of(again).encode())


def test_cookies_credentials_share_tokens_and_router_requests_never_meet_the_cache(
    cluster, frontend, organizer, placeholder
):
    oc, access = organizer
    event_id = api.create_event(oc, access)
    path = f"/eventos/{event_id}"
    manage = f"/eventos/{event_id}/gerenciar".encode()
    variants = [
        ({"Cookie": f"mut_access={access}"}, path),  # the organizer's session: their own page
        ({"Cookie": "tema=escuro"}, path),  # any cookie at all
        (api.auth(access), path),
        ({}, f"{path}?convite=qualquercoisa0001"),
        ({"RSC": "1"}, path),
        ({"RSC": "1", "Next-Router-Prefetch": "1"}, path),
        ({"RSC": "1", "Next-Router-State-Tree": "%5B%22%22%2C%7B%7D%2Cnull%2Cnull%2Ctrue%5D"}, path),
        ({"Next-Url": "/eventos"}, path),
        ({}, f"{path}?_rsc=abc12"),
    ]
    for headers, url in variants:
        primed, other, anonymous = in_one_second(
            [partial(frontend.get, path), partial(frontend.get, url, headers=headers), partial(frontend.get, path)]
        )
        assert primed.status == 200 and other.status == 200, (headers, url, primed.status, other.status)
        # rendered for itself (not from the cache, no cache header at all), with its own nonce
        assert "x-cache-status" not in other.headers, (headers, url, other.headers)
        assert placeholder.encode() not in other.body
        if other.headers.get("content-type", "").startswith("text/html"):
            nonce_of(other)
        else:
            assert headers.get("RSC") == "1" and other.headers["content-type"].startswith("text/x-component")
        # ... and never stored: the next anonymous view is the copy kept before it
        assert anonymous.headers["x-cache-status"] == "HIT", (headers, url, anonymous.headers)
        assert anonymous.body == primed.body.replace(nonce_of(primed).encode(), nonce_of(anonymous).encode())
        assert manage not in anonymous.body
        if headers.get("Cookie", "").startswith("mut_access="):
            assert manage in other.body  # the organizer's page was theirs


def test_an_unlisted_mutirao_opened_with_its_link_is_never_kept(cluster, frontend, organizer):
    oc, access = organizer
    event_id = api.create_event(oc, access)
    r = oc.request("PATCH", f"/api/events/{event_id}/", body={"visibility": "unlisted"}, headers=api.auth(access))
    assert r.status == 200, (r.status, r.body[:300])
    token = r.json()["share_token"]
    assert token
    hidden, invited, again = in_one_second(
        [
            partial(frontend.get, f"/eventos/{event_id}"),
            partial(frontend.get, f"/eventos/{event_id}?convite={token}"),
            partial(frontend.get, f"/eventos/{event_id}"),
        ]
    )
    assert hidden.status == 404 and again.status == 404  # a 404 is never kept either
    assert invited.status == 200 and "x-cache-status" not in invited.headers
    assert "set-cookie" in invited.headers  # the share cookie (the page itself is never kept)


def test_a_change_to_a_mutirao_shows_from_the_next_second_on(cluster, frontend, organizer):
    """Every layer (the API's micro-cache, the Next server's anonymous cache, this one) keeps a
    thing only to the end of the wall-clock second it was made in."""
    oc, access = organizer
    event_id = api.create_event(oc, access)
    path = f"/eventos/{event_id}"
    title = f"Mutirão renomeado {uuid.uuid4().hex[:6]}"
    for _ in range(5):
        early_in_a_second()
        second = int(time.time())
        before = frontend.get(path)
        assert before.status == 200 and title.encode() not in before.body
        r = oc.request("PATCH", f"/api/events/{event_id}/", body={"title": title}, headers=api.auth(access))
        assert r.status == 200, (r.status, r.body[:300])
        if int(time.time()) == second:
            break
        oc.request("PATCH", f"/api/events/{event_id}/", body={"title": "Limpeza"}, headers=api.auth(access))
    else:
        pytest.fail("the view and the change did not fit in one second")
    while time.time() < second + 1.02:
        time.sleep(0.01)
    after = frontend.get(path)
    assert after.status == 200 and after.headers["x-cache-status"] in {"MISS", "EXPIRED"}, after.headers
    assert title.encode() in after.body


def test_a_burst_of_anonymous_views_gets_only_200s_mostly_from_the_cache(cluster, frontend, organizer):
    event_id = api.create_event(*organizer)
    paths = ["/eventos", f"/eventos/{event_id}"]
    deadline = time.monotonic() + 60
    with Load(cluster.port, paths, source_ips(40), threads=6, max_requests=600, max_seconds=60) as load:
        while load.result.total < 600 and time.monotonic() < deadline:
            time.sleep(0.1)
    result = load.result
    assert dict(result.statuses) == {200: result.total}, result.errors[:5]
    assert result.cached > result.total / 2, (result.cached, result.total)
