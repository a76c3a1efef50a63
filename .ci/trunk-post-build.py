#!/usr/bin/env python3
"""Trunk post-build hook:
0. in release builds, cuts the wasm into the first-load module and the modules of `ui::split`
   (wasm-split-cli on cargo's output, which keeps its relocations), runs wasm-bindgen and
   wasm-opt on them, and puts them in place of Trunk's unsplit pair, every file named by a hash
   of its content; packs each page module's files into one file, which public/loader.js
   fetches with a list page's API requests, and makes the split loader take the files from it;
1. moves the inline module script Trunk writes into index.html to a content-hashed file, so the
   console runs under a strict Content-Security-Policy (`script-src 'self' 'wasm-unsafe-eval'`,
   no inline script); the file gets an SRI hash like Trunk's own assets;
2. makes every asset URL relative (to `<base href>` in index.html, to the loader's own URL in
   the loader), so one build serves the root and any sub-path;
3. in release builds, ships the stylesheet without its comments (they document
   style/console.css; they were a tenth of the first load's brotli bytes), its SRI hash renewed;
4. writes precompressed `.br` and `.gz` files next to every js, wasm, pack, css and svg asset,
   for servers that serve them directly (nginx `gzip_static`/`brotli_static`, Caddy `precompressed`)."""
import base64, gzip, hashlib, json, os, re, shutil, subprocess, sys, tempfile

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging:
    sys.exit("trunk-post-build: TRUNK_STAGING_DIR is not set (run by trunk's post_build hook)")
public_url = os.environ.get("TRUNK_PUBLIC_URL", "/")
index = os.path.join(staging, "index.html")
html = open(index, encoding="utf-8").read()
release = os.environ.get("TRUNK_PROFILE") == "release"
# wasm-opt's passes for the release build (Trunk's own run is off: data-wasm-opt="0").
WASM_OPT = ["-Oz", "--flatten", "--rereloop", "-Oz", "-Oz"]
# NBC_WASM_NAMES=1 keeps the functions' names, for reading a CPU profile (bench, BENCH_PROFILE).
if os.environ.get("NBC_WASM_NAMES"):
    WASM_OPT.append("-g")


def sha(data, n=16):
    return hashlib.sha256(data).hexdigest()[:n]


def run(*cmd):
    subprocess.run(cmd, check=True)


# Put before the split loader's code: a module's file is taken from the pack public/loader.js
# started fetching with the page's API requests, if it did and the file is in it (once; a pack
# that failed, or a file not in it, is fetched alone), else fetched now.
EARLY = """function __early(name, url) {
    const pack = globalThis.__netbirdModules;
    if (!pack) return fetch(url);
    return pack.then(files => {
        const bytes = files[name];
        if (!bytes) return fetch(url);
        delete files[name];
        return new Response(bytes, { headers: { "Content-Type": "application/wasm" } });
    }, () => fetch(url));
}
"""


def take_early_fetches(loader):
    """Step 0b. Packs each page module's files (its own and the chunks it waits for) into one
    file, named in public/loader.js's PACKS for it to fetch with a list page's API requests, and
    makes the split loader take its files from there."""
    chunks = dict(re.findall(
        r'const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\./([^"]+)"', loader))
    modules = {}
    for name, own, deps in re.findall(
            r'export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\s*'
            r'const src = fetch\(new URL\("\./([^"]+)".*?\n, \[([^\]]*)\]\)\);', loader, re.S):
        modules[name] = [own] + [chunks[d.strip()] for d in deps.split(",") if d.strip()]
    if not modules or not all(os.path.exists(os.path.join(staging, f)) for m in modules.values() for f in m):
        sys.exit("trunk-post-build: the split loader's modules are not as expected")
    loader, n = re.subn(r'fetch\(new URL\("(\./[^"]+)", import\.meta\.url\)\)',
                        r'__early("\1", new URL("\1", import.meta.url))', loader)
    if n != len(chunks) + len(modules):
        sys.exit(f"trunk-post-build: {n} fetches in the split loader, expected {len(chunks) + len(modules)}")
    first, rest = loader.split("\n", 1)
    if not first.startswith("import "):
        sys.exit("trunk-post-build: the split loader does not start with its import")
    path = os.path.join(staging, "loader.js")
    text = open(path, encoding="utf-8").read()
    placeholder = "var PACKS = {};"
    if text.count(placeholder) != 1:
        sys.exit("trunk-post-build: public/loader.js has no PACKS line to fill")
    # Each page module's files are also packed into one file, fetched by the loader in one
    # request instead of one per file: wasm-split-cli cuts the shared code into dozens of small
    # chunks, which queue on HTTP/1.1's six connections ahead of the console's own files.
    # A pack names its own files, so that the loader (in the first load) carries only the
    # packs' names: a little-endian u32 n, n bytes of JSON [[file, size], ...], then the files
    # in that order. (The export and palette modules are no page's, so they get none.)
    pages = {k: v for k, v in modules.items() if k not in ("export", "palette")}
    packs = {}
    for module, own in sorted(pages.items()):
        datas = [open(os.path.join(staging, f), "rb").read() for f in own]
        index = json.dumps([[f, len(d)] for f, d in zip(own, datas)], separators=(",", ":")).encode()
        data = len(index).to_bytes(4, "little") + index + b"".join(datas)
        pack = f"pack_{module}-{sha(data)}.bin"
        with open(os.path.join(staging, pack), "wb") as f:
            f.write(data)
        packs[module] = pack
    text = text.replace(placeholder, "var PACKS = " + json.dumps(packs, separators=(",", ":")) + ";")
    open(path, "w", encoding="utf-8").write(text)
    return first + "\n" + EARLY + rest


def split_wasm(html):
    """Step 0. Returns index.html with the new names and integrity hashes."""
    pair = re.findall(r'href="[^"]*?(netbird-console-([0-9a-f]+))\.js"', html)
    if len(pair) != 1:
        sys.exit(f"trunk-post-build: expected one bindings script in index.html, found {len(pair)}")
    old_stem = pair[0][0]
    target_dir = os.environ.get("CARGO_TARGET_DIR") or os.path.join(os.getcwd(), "target")
    raw = os.path.join(target_dir, "wasm32-unknown-unknown", "release", "netbird-console.wasm")
    work = tempfile.mkdtemp(prefix="nbc-split-")
    try:
        run("wasm-split-cli", raw, work, "--target", "web", "--out-name", "main")
        run("wasm-bindgen", os.path.join(work, "main.wasm"), "--target", "web",
            "--out-dir", os.path.join(work, "bg"), "--out-name", "main",
            "--no-typescript", "--weak-refs", "--keep-lld-exports")  # the split modules import the table
        main_wasm = os.path.join(work, "bg", "main_bg.wasm")
        chunks = sorted(f for f in os.listdir(work) if f.endswith(".wasm") and f != "main.wasm")
        if not chunks:
            sys.exit("trunk-post-build: wasm-split-cli found no split point (is the split feature on?)")
        for path in [main_wasm] + [os.path.join(work, c) for c in chunks]:
            run("wasm-opt", *WASM_OPT, path, "-o", path)
        loader = open(os.path.join(work, "__wasm_split.js"), encoding="utf-8").read()
        for chunk in chunks:
            data = open(os.path.join(work, chunk), "rb").read()
            name = f"{chunk[:-5]}-{sha(data)}.wasm"
            with open(os.path.join(staging, name), "wb") as f:
                f.write(data)
            quoted = f'"./{chunk}"'
            if quoted not in loader:
                sys.exit(f"trunk-post-build: {chunk} is not in the split loader")
            loader = loader.replace(quoted, f'"./{name}"')
        loader = take_early_fetches(loader)
        glue = open(os.path.join(work, "bg", "main.js"), encoding="utf-8").read()
        wasm = open(main_wasm, "rb").read()
        # One hash for the three files that name each other (the bindings and the split loader
        # import one another).
        digest = sha(glue.encode() + loader.encode() + wasm)
        stem = f"netbird-console-{digest}"
        # The bindings import the split loader as a module (the wasm keeps "./__wasm_split.js" as
        # its import's name, so the key in the imports object stays), and the loader imports them.
        if 'from "./__wasm_split.js"' not in glue or loader.count('from "./main.js"') != 1:
            sys.exit("trunk-post-build: the bindings and the split loader do not name each other")
        glue = glue.replace('from "./__wasm_split.js"', f'from "./split-{digest}.js"')
        glue = glue.replace("main_bg.wasm", f"{stem}_bg.wasm")
        loader = loader.replace('from "./main.js"', f'from "./{stem}.js"')
        with open(os.path.join(staging, f"{stem}.js"), "w", encoding="utf-8") as f:
            f.write(glue)
        with open(os.path.join(staging, f"split-{digest}.js"), "w", encoding="utf-8") as f:
            f.write(loader)
        with open(os.path.join(staging, f"{stem}_bg.wasm"), "wb") as f:
            f.write(wasm)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for ext in (".js", "_bg.wasm"):
        os.remove(os.path.join(staging, old_stem + ext))
        data = open(os.path.join(staging, stem + ext), "rb").read()
        integrity = "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()
        html, n = re.subn(
            r'(href="[^"]*?' + re.escape(old_stem + ext) + r'"[^>]*?integrity=")[^"]*"',
            lambda m: m.group(1) + integrity + '"',
            html,
        )
        if n != 1:
            sys.exit(f"trunk-post-build: no integrity hash for {old_stem + ext} in index.html")
    # The preload links and the inline loader Trunk wrote now name the new pair.
    html = html.replace(old_stem, stem)
    # The split loader is preloaded with the bindings: found only when they are evaluated, it
    # would otherwise queue behind the page module's fetches the loader has started.
    split_js = f"split-{digest}.js"
    data = open(os.path.join(staging, split_js), "rb").read()
    integrity = "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()
    bindings = re.search(r'<link rel="modulepreload" href="[^"]*?' + re.escape(stem) + r'\.js"[^>]*>', html)
    if not bindings:
        sys.exit("trunk-post-build: no modulepreload link for the bindings in index.html")
    link = (f'<link rel="modulepreload" href="{public_url}{split_js}" crossorigin="anonymous" '
            f'integrity="{integrity}">')
    return html[:bindings.end()] + link + html[bindings.end():]


# Debug builds are not split (src/ui/split.rs): they keep Trunk's pair.
if release:
    html = split_wasm(html)

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


def strip_css_comments(html):
    """Step 3. Returns index.html with the stylesheet's new integrity hash."""
    names = re.findall(r'<link rel="stylesheet" href="[^"]*?(console-[0-9a-f]+\.css)"', html)
    if len(names) != 1:
        sys.exit(f"trunk-post-build: expected one stylesheet in index.html, found {len(names)}")
    path = os.path.join(staging, names[0])
    css = open(path, encoding="utf-8").read()
    comments = re.findall(r"/\*.*?\*/", css, flags=re.S)
    # A comment opened inside a string would swallow rules: none holds a brace.
    if any("{" in c or "}" in c for c in comments):
        sys.exit("trunk-post-build: a comment in the stylesheet holds a brace")
    bare = re.sub(r"\n\s*\n+", "\n", re.sub(r"/\*.*?\*/", "", css, flags=re.S)).lstrip()
    if "/*" in bare or "*/" in bare:
        sys.exit("trunk-post-build: a comment is left in the stylesheet")
    with open(path, "w", encoding="utf-8") as f:
        f.write(bare)
    integrity = "sha384-" + base64.b64encode(hashlib.sha384(bare.encode()).digest()).decode()
    html, n = re.subn(
        r'(href="[^"]*?' + re.escape(names[0]) + r'"[^>]*?integrity=")[^"]*"',
        lambda m: m.group(1) + integrity + '"',
        html,
    )
    if n != 1:
        sys.exit(f"trunk-post-build: no integrity hash for {names[0]} in index.html")
    return html


# A debug build (`trunk serve`) keeps them.
if release:
    html = strip_css_comments(html)
open(index, "w", encoding="utf-8").write(html)

brotli = shutil.which("brotli")
if not brotli:
    sys.exit("trunk-post-build: the brotli command is missing (run . .ci/setup)")
for entry in sorted(os.listdir(staging)):
    path = os.path.join(staging, entry)
    # index.html is left uncompressed: it is small, never cached, and deployers may rewrite its
    # <base href> (stale .br/.gz siblings would undo that).
    if not os.path.isfile(path) or not entry.endswith((".js", ".wasm", ".bin", ".css", ".svg")):
        continue
    data = open(path, "rb").read()
    with open(path + ".gz", "wb") as f:
        f.write(gzip.compress(data, compresslevel=9, mtime=0))
    subprocess.run([brotli, "-f", "-q", "11", "-o", path + ".br", path], check=True)
