#!/usr/bin/env python3
"""Trunk post-build hook:
1. moves the inline module script Trunk writes into index.html to a content-hashed file, so the
   console runs under a strict Content-Security-Policy (`script-src 'self' 'wasm-unsafe-eval'`,
   no inline script); the file gets an SRI hash like Trunk's own assets;
2. writes precompressed `.br` and `.gz` files next to every html, js, wasm, css and svg asset,
   for servers that serve them directly (nginx `gzip_static`/`brotli_static`, Caddy `precompressed`)."""
import base64, gzip, hashlib, os, re, shutil, subprocess, sys

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging:
    sys.exit("trunk-post-build: TRUNK_STAGING_DIR is not set (run by trunk's post_build hook)")
public_url = os.environ.get("TRUNK_PUBLIC_URL", "/")
index = os.path.join(staging, "index.html")
html = open(index, encoding="utf-8").read()

inline = re.compile(r'<script type="module"( nonce="[^"]*")?>(.*?)</script>', re.S)
scripts = inline.findall(html)
if len(scripts) != 1:
    sys.exit(f"trunk-post-build: expected one inline module script, found {len(scripts)}")
body = scripts[0][1].strip() + "\n"
digest = hashlib.sha256(body.encode()).hexdigest()[:16]
name = f"init-{digest}.js"
with open(os.path.join(staging, name), "w", encoding="utf-8") as f:
    f.write(body)
sri = "sha384-" + base64.b64encode(hashlib.sha384(body.encode()).digest()).decode()
tag = f'<script type="module" src="{public_url}{name}" integrity="{sri}"></script>'
html = inline.sub(lambda _m: tag, html, count=1)
if "<script>" in html or re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html):
    sys.exit("trunk-post-build: an inline script is left in index.html")
open(index, "w", encoding="utf-8").write(html)

brotli = shutil.which("brotli")
if not brotli:
    sys.exit("trunk-post-build: the brotli command is missing (run . .ci/setup)")
for entry in sorted(os.listdir(staging)):
    path = os.path.join(staging, entry)
    if not os.path.isfile(path) or not entry.endswith((".html", ".js", ".wasm", ".css", ".svg")):
        continue
    data = open(path, "rb").read()
    with open(path + ".gz", "wb") as f:
        f.write(gzip.compress(data, compresslevel=9, mtime=0))
    subprocess.run([brotli, "-f", "-q", "11", "-o", path + ".br", path], check=True)
