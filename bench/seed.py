#!/usr/bin/env python3
"""Seeds a Conduit service through its own HTTP API with deterministic data.

    bench/seed.py BASE_URL OUT_DIR [users] [articles_per_user]

Users bench0..benchN-1 each write the same number of articles (3 tags each from a fixed set of
60), follow 10 other users and favorite 20 articles. The same arguments give the same data.
Writes OUT_DIR/token (the token of bench0, the benchmark's viewer) and OUT_DIR/slugs (one slug
a line). Requests run on 16 threads with keep-alive connections; any non-2xx reply aborts.
"""
import http.client
import json
import random
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

BASE = sys.argv[1].rstrip("/")
OUT = sys.argv[2]
USERS = int(sys.argv[3]) if len(sys.argv) > 3 else 500
PER_USER = int(sys.argv[4]) if len(sys.argv) > 4 else 10
TAGS = [f"topic{i:02d}" for i in range(60)]
URL = urllib.parse.urlsplit(BASE)
LOCAL = threading.local()


def call(method, path, body=None, token=None, expect=(200, 201)):
    if not hasattr(LOCAL, "conn"):
        LOCAL.conn = http.client.HTTPConnection(URL.hostname, URL.port, timeout=60)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Token " + token
    data = json.dumps(body) if body is not None else None
    for attempt in range(2):
        try:
            LOCAL.conn.request(method, URL.path + path, body=data, headers=headers)
            reply = LOCAL.conn.getresponse()
            text = reply.read()
            break
        except (http.client.HTTPException, OSError):
            LOCAL.conn.close()  # a dropped keep-alive connection: reconnect once
            if attempt:
                raise
    if reply.status not in expect:
        raise SystemExit(f"{method} {path}: {reply.status} {text[:300]!r}")
    return json.loads(text) if text else None


def register(i):
    name = f"bench{i}"
    user = {"username": name, "email": f"{name}@bench.example", "password": f"password-{name}"}
    return call("POST", "/users", {"user": user})["user"]["token"]


def write_articles(i, token):
    rnd = random.Random(1000 + i)
    slugs = []
    for k in range(PER_USER):
        tags = rnd.sample(TAGS, 3)
        article = {
            "title": f"Bench article {i}-{k}: on {tags[0]}",
            "description": f"Article {k} by bench{i}",
            "body": " ".join(rnd.choice(TAGS) for _ in range(200)),
            "tagList": tags,
        }
        slugs.append(call("POST", "/articles", {"article": article}, token)["article"]["slug"])
    return slugs


def socialise(i, token, all_slugs):
    rnd = random.Random(5000 + i)
    for j in rnd.sample([u for u in range(USERS) if u != i], 10):
        call("POST", f"/profiles/bench{j}/follow", None, token)
    for slug in rnd.sample(all_slugs, 20):
        call("POST", f"/articles/{slug}/favorite", None, token)


def run(pool, fn, args, label):
    start = time.time()
    results = list(pool.map(fn, *zip(*args)))
    print(f"seed: {label} in {time.time() - start:.1f} s", flush=True)
    return results


def main():
    with ThreadPoolExecutor(16) as pool:
        tokens = run(pool, register, [(i,) for i in range(USERS)], f"{USERS} users")
        per_user = run(
            pool, write_articles, list(enumerate(tokens)), f"{USERS * PER_USER} articles")
        # Titles are unique, so slugs are deterministic; sort for a stable list regardless.
        slugs = sorted(s for group in per_user for s in group)
        run(pool, lambda i, t: socialise(i, t, slugs), list(enumerate(tokens)),
            f"{USERS * 10} follows and {USERS * 20} favorites")
    with open(f"{OUT}/token", "w") as f:
        f.write(tokens[0])
    with open(f"{OUT}/slugs", "w") as f:
        f.write("\n".join(slugs) + "\n")


if __name__ == "__main__":
    main()
