// Applies the reader's remembered 字号 and 关怀版 before first paint (loaded blocking in <head>).
// data-js: scripts run, so header.css may fold the phone menu and the search filters behind their buttons (site.js).
document.documentElement.setAttribute("data-js", "");
try {
  var root = document.documentElement;
  var size = localStorage.getItem("portal:font-size");
  if (size === "large" || size === "small") root.classList.add("fs-" + size);
  if (localStorage.getItem("portal:care") === "1") root.classList.add("care");
} catch (e) {
  /* storage blocked: defaults apply */
}
