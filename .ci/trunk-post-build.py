#!/usr/bin/env python3
"""Trunk post-build hook:
1. moves the inline module script Trunk writes into index.html to a content-hashed file, so the
   console runs under a strict Content-Security-Policy (`script-src 'self' 'wasm-unsafe-eval'`,
   no inline script); the file gets an SRI hash like Trunk's own assets;
2. makes every asset URL relative (to `<base href>` in index.html, to the loader's own URL in
   the loader), so one build serves the root and any sub-path;
3. writes precompressed `.br` and `.gz` files next to every js, wasm, css and svg asset,
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
# Relative asset URLs: the loader imports the bindings relative to its own URL and fetches the
# wasm relative to it too, so the same files work at the root and under any sub-path.
body, n_import = re.subn(r"from '" + re.escape(public_url) + r"([^'/]+\.js)'", r"from './\1'", body)
body, n_wasm = re.subn(
    r"module_or_path: '" + re.escape(public_url) + r"([^'/]+\.wasm)'",
    r"module_or_path: new URL('\1', import.meta.url)",
    body,
)
if (n_import, n_wasm) != (1, 1):
    sys.exit(f"trunk-post-build: loader not as expected (imports {n_import}, wasm paths {n_wasm})")
digest = hashlib.sha256(body.encode()).hexdigest()[:16]
name = f"init-{digest}.js"
with open(os.path.join(staging, name), "w", encoding="utf-8") as f:
    f.write(body)
sri = "sha384-" + base64.b64encode(hashlib.sha384(body.encode()).digest()).decode()
tag = f'<script type="module" src="{name}" integrity="{sri}"></script>'
html = inline.sub(lambda _m: tag, html, count=1)
# Every asset link relative to <base href>, which is the one line a deployer under a sub-path
# changes (README, Hosting): `<base href="/console/">`, by hand or by the server (nginx sub_filter).
html = re.sub(r'\b(href|src)="' + re.escape(public_url) + r'(?=[^"/])', r'\1="', html)
if re.search(r'\b(href|src)="/', html.replace('<base href="' + public_url + '">', "")):
    sys.exit("trunk-post-build: an absolute asset link is left in index.html")
if "<script>" in html or re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html):
    sys.exit("trunk-post-build: an inline script is left in index.html")
open(index, "w", encoding="utf-8").write(html)

brotli = shutil.which("brotli")
if not brotli:
    sys.exit("trunk-post-build: the brotli command is missing (run . .ci/setup)")
for entry in sorted(os.listdir(staging)):
    path = os.path.join(staging, entry)
    # index.html is left uncompressed: it is small, never cached, and deployers may rewrite its
    # <base href> (stale .br/.gz siblings would undo that).
    if not os.path.isfile(path) or not entry.endswith((".js", ".wasm", ".css", ".svg")):
        continue
    data = open(path, "rb").read()
    with open(path + ".gz", "wb") as f:
        f.write(gzip.compress(data, compresslevel=9, mtime=0))
    subprocess.run([brotli, "-f", "-q", "11", "-o", path + ".br", path], check=True)
