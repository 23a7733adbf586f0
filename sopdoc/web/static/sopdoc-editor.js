// The structured editor: keep each decision-target picker's labels ("5 — Memeriksa berkas") in step
// with the activities as they are typed, and show a row's pickers when its symbol is a decision (the
// server draws both again on every full round trip).
document.addEventListener("change", function (event) {
  var m = (event.target.name || "").match(/^k-(\d+)-simbol$/);
  var row = m && document.getElementById("langkah-" + m[1]);
  if (row) row.classList.toggle("keputusan", event.target.value === "keputusan");
});
document.addEventListener("input", function (event) {
  var m = (event.target.name || "").match(/^k-(\d+)-uraian$/);
  if (!m) return;
  var no = String(Number(m[1]) + 1);
  var text = event.target.value.replace(/\s+/g, " ").trim();
  if (text.length > 48) text = text.slice(0, 47) + "\u2026";
  document.querySelectorAll('.yatidak select option[value="' + no + '"]').forEach(function (option) {
    option.textContent = no + " \u2014 " + text;
  });
});
// Textareas grow with their text. The stylesheet asks for `field-sizing: content` (Chromium 123 and
// later); where the browser does not know it, each textarea's height follows its content here, when
// the page loads, as it is typed in and when the window's width changes.
(function () {
  if (window.CSS && CSS.supports && CSS.supports("field-sizing", "content")) return;
  function fit(area) {
    area.style.height = "auto";
    area.style.height = area.scrollHeight + (area.offsetHeight - area.clientHeight) + "px";
  }
  function fitAll() {
    document.querySelectorAll(".editor textarea").forEach(fit);
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches(".editor textarea")) fit(event.target);
  });
  var pending = false;
  window.addEventListener("resize", function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; fitAll(); });
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fitAll);
  else fitAll();
})();
