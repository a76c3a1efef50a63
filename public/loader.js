// Runs first, before the console's wasm is even fetched (one file, not inline script, so the
// console runs under a strict Content-Security-Policy, script-src 'self'; one file, not two, so
// one round trip):
// 1. for a list page (or a page below one, in the table) opened with a stored session, starts
//    the API requests of the page and the fetch of its wasm module: the console takes these
//    answers in flight (src/ui/api.rs, take_prefetched; the split loader, for the module)
//    instead of sending its own, so each request leaves once. Only with a stored session, only
//    for the pages in the table, and the token goes nowhere but the Authorization header;
// 2. sets the theme chosen in the console (light or dark) on the root element before the first
//    paint; without a choice the stylesheet follows the system's. After the requests: the
//    browser's first read of localStorage takes milliseconds, which they need not wait for.
(function () {
  // The registry's tables (src/registry.rs, loader_table); a host test checks this copy.
  // The lists a page reads only when the role may, by the permission module that gates them: asked
  // for when the session's user could read them when last seen (src/ui/auth.rs, READS_KEY).
  var MAYBE = {"peers": [["users", "/api/users"]], "groups/": [["routes", "/api/routes"], ["policies", "/api/policies"], ["nameservers", "/api/dns/nameservers"], ["setup_keys", "/api/setup-keys"], ["users", "/api/users"], ["dns", "/api/dns/settings"], ["settings", "/api/accounts"]]};
  var PARTS = {"peers": "peers", "groups": "fleet", "routes": "routes", "policies": "access", "posture-checks": "access", "dns": "lists", "setup-keys": "fleet", "users": "lists", "events": "audit", "settings": "lists", "network": "network", "health": "network", "groups/": "fleet"};
  // Each page module's pack, its own files and the chunks it shares in one file that names them
  // (a little-endian u32 n, n bytes of JSON [[file, size], ...], the files in that order):
  // written by .ci/trunk-post-build.py in a release build (a debug build has one wasm).
  var PACKS = {};
  var PAGES = {"peers": ["/api/users/current", "/api/peers"], "groups": ["/api/users/current", "/api/groups"], "routes": ["/api/users/current", "/api/routes", "/api/groups", "/api/peers"], "policies": ["/api/users/current", "/api/policies", "/api/groups", "/api/posture-checks"], "posture-checks": ["/api/users/current", "/api/posture-checks", "/api/policies"], "dns": ["/api/users/current", "/api/dns/nameservers", "/api/groups"], "setup-keys": ["/api/users/current", "/api/setup-keys", "/api/groups"], "users": ["/api/users/current", "/api/users", "/api/groups"], "events": ["/api/users/current", "/api/events/audit"], "settings": ["/api/users/current", "/api/accounts", "/api/groups", "/api/peers"], "network": ["/api/users/current", "/api/policies", "/api/peers", "/api/groups", "/api/routes", "/api/dns/nameservers", "/api/dns/settings"], "health": ["/api/users/current", "/api/peers", "/api/groups", "/api/policies", "/api/routes", "/api/dns/nameservers", "/api/dns/settings"], "groups/": ["/api/users/current", "/api/groups", "/api/peers"]};
  try {
    // The path below the console's base, as src/base/url.rs (base_path) reads <base href>.
    var base = document.querySelector("base");
    var href = (base && base.getAttribute("href")) || "";
    var scheme = href.indexOf("://");
    if (scheme >= 0) {
      var slash = href.indexOf("/", scheme + 3);
      href = slash < 0 ? "" : href.slice(slash);
    }
    href = href.split(/[?#]/)[0];
    var prefix = href.charAt(0) === "/" && href.charAt(1) !== "/" ? href.replace(/\/+$/, "") : "";
    var path = location.pathname;
    if (path.slice(0, prefix.length) !== prefix) return;
    // A list page by its segment (`/groups`), a page below it by the segment and `/`
    // (`/groups/<id>`, `/groups/new`).
    var page = /^\/([a-z-]+)(\/[^/]+)?\/*$/.exec(path.slice(prefix.length));
    var at = page && page[1] + (page[2] ? "/" : "");
    if (!at || !Object.prototype.hasOwnProperty.call(PAGES, at)) return;
    // The stored session, read as src/ui/auth.rs reads it (sessionStorage first).
    var key = "netbird-console.session";
    var store = sessionStorage, raw = store.getItem(key);
    if (!raw) {
      store = localStorage;
      raw = store.getItem(key);
    }
    if (!raw) return;
    var session = JSON.parse(raw);
    var api = session && session.api_url, token = session && session.token;
    if (typeof api !== "string" || !/^https?:\/\//i.test(api)) return;
    if (typeof token !== "string" || !/^[^\s]+$/.test(token)) return;
    var auth = (token.indexOf("nbp_") === 0 ? "Token " : "Bearer ") + token;
    var reads = PAGES[at].slice();
    var may = (store.getItem("netbird-console.reads") || "").split(",");
    (MAYBE[at] || []).forEach(function (m) {
      if (may.indexOf(m[0]) >= 0) reads.push(m[1]);
    });
    // One request for the module's files; the split loader takes each file from the pack as if
    // fetched alone. A pack that fails or does not add up fails every file in it, which the
    // split loader then fetches alone.
    var pack = PACKS[PARTS[at]];
    if (pack) {
      var files = fetch(pack).then(function (r) {
        if (!r.ok) throw new Error(pack + ": " + r.status);
        return r.arrayBuffer();
      }).then(function (b) {
        var n = new DataView(b).getUint32(0, true);
        var offset = 4 + n, out = {};
        JSON.parse(new TextDecoder().decode(new Uint8Array(b, 4, n))).forEach(function (f) {
          out["./" + f[0]] = new Uint8Array(b, offset, f[1]);
          offset += f[1];
        });
        if (offset !== b.byteLength) throw new Error(pack + ": " + b.byteLength + " bytes");
        return out;
      });
      files.catch(function () {});
      window.__netbirdModules = files;
    }
    // Then the page's API requests. Over HTTP/1.1, six at a time per origin: the module, needed
    // before any answer can be used, goes first, not behind the page's lists.
    var answers = {};
    reads.forEach(function (read) {
      var answer = fetch(api + read, { headers: { Accept: "application/json", Authorization: auth } });
      // Failures are the console's to report when it takes the answer.
      answer.catch(function () {});
      answers[api + read] = answer;
    });
    window.__netbirdPrefetch = answers;
    if (window.performance && performance.mark) performance.mark("netbird-console:loader");
  } catch (e) {}
})();
try {
  var theme = localStorage.getItem("netbird-console.theme");
  if (theme === "light" || theme === "dark") document.documentElement.setAttribute("data-theme", theme);
} catch (e) {}
