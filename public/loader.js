// Starts the API requests of the list page being opened before the console's wasm is fetched
// and compiled: the console takes these answers in flight (src/ui/api.rs, take_prefetched)
// instead of sending its own, so each request leaves once. Only with a stored session, only for
// the pages in the table, and the token goes nowhere but the Authorization header. A file, not
// inline script, so the console runs under a strict Content-Security-Policy (script-src 'self').
(function () {
  // The registry's table (src/registry.rs, prefetch_table); a host test checks this copy.
  var PAGES = {"peers": ["/api/users/current", "/api/peers"], "groups": ["/api/users/current", "/api/groups"], "routes": ["/api/users/current", "/api/routes", "/api/groups", "/api/peers"], "policies": ["/api/users/current", "/api/policies", "/api/groups", "/api/posture-checks"], "posture-checks": ["/api/users/current", "/api/posture-checks", "/api/policies"], "dns": ["/api/users/current", "/api/dns/nameservers", "/api/groups"], "setup-keys": ["/api/users/current", "/api/setup-keys", "/api/groups"], "users": ["/api/users/current", "/api/users", "/api/groups"], "events": ["/api/users/current", "/api/events/audit"], "settings": ["/api/users/current", "/api/accounts", "/api/groups", "/api/peers"]};
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
    var page = /^\/([a-z-]+)\/*$/.exec(path.slice(prefix.length));
    if (!page || !Object.prototype.hasOwnProperty.call(PAGES, page[1])) return;
    // The stored session, read as src/ui/auth.rs reads it (sessionStorage first).
    var key = "netbird-console.session";
    var raw = sessionStorage.getItem(key) || localStorage.getItem(key);
    if (!raw) return;
    var session = JSON.parse(raw);
    var api = session && session.api_url, token = session && session.token;
    if (typeof api !== "string" || !/^https?:\/\//i.test(api)) return;
    if (typeof token !== "string" || !/^[^\s]+$/.test(token)) return;
    var auth = (token.indexOf("nbp_") === 0 ? "Token " : "Bearer ") + token;
    var answers = {};
    PAGES[page[1]].forEach(function (read) {
      var answer = fetch(api + read, { headers: { Accept: "application/json", Authorization: auth } });
      // Failures are the console's to report when it takes the answer.
      answer.catch(function () {});
      answers[api + read] = answer;
    });
    window.__netbirdPrefetch = answers;
    if (window.performance && performance.mark) performance.mark("netbird-console:loader");
  } catch (e) {}
})();
