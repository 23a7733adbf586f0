// The structured editor: keep each decision-target picker's labels ("5 — Memeriksa berkas") in step
// with the activities as they are typed (the server draws them again on every full round trip).
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
