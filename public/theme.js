// Sets the theme chosen in the console (light or dark) on the root element before the first
// paint; without a choice the stylesheet follows the system's. A file, not inline script, so the
// console runs under a strict Content-Security-Policy (script-src 'self').
try {
  var theme = localStorage.getItem("netbird-console.theme");
  if (theme === "light" || theme === "dark") document.documentElement.setAttribute("data-theme", theme);
} catch (e) {}
