// The page's script: the table's filters, and the edit log opened for
// printing. Without it every row is shown and the filter controls stay
// hidden. One pass over the rows per change, reading the data attributes the
// rows carry, so that 10,000 rows filter at a keystroke.
(function () {
  // A printed page cannot be clicked open: print the edit log whole.
  window.addEventListener("beforeprint", function () {
    var details = document.querySelectorAll("details");
    for (var i = 0; i < details.length; i++) details[i].open = true;
  });
  var form = document.getElementById("filters");
  var table = document.getElementById("rows");
  if (!form || !table) return;
  var rows = table.tBodies[0].rows;
  var count = document.getElementById("shown");
  function matches(row, f) {
    var d = row.dataset;
    if (f.band !== "" && d.band !== f.band) return false;
    if (f.kind !== "" && d.kind !== f.kind) return false;
    if (f.status === "reviewed" ? d.status === "auto" : f.status !== "" && d.status !== f.status) return false;
    if (f.flag === "none") return d.flags === "";
    if (f.flag === "any") return d.flags !== "";
    if (f.flag !== "") return (" " + d.flags + " ").indexOf(" " + f.flag + " ") >= 0;
    return true;
  }
  function apply() {
    var f = { band: form.band.value, kind: form.kind.value, status: form.status.value, flag: form.flag.value };
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var show = matches(rows[i], f);
      rows[i].hidden = !show;
      if (show) shown++;
    }
    count.textContent = shown + " of " + rows.length + " rows shown";
  }
  form.addEventListener("change", apply);
  // A plot mark links to its row: show every row again when that one is
  // filtered out, rather than jump nowhere.
  window.addEventListener("hashchange", function () {
    var row = document.getElementById(location.hash.slice(1));
    if (row && row.hidden) {
      form.reset();
      apply();
      row.scrollIntoView();
    }
  });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.hidden = false;
  apply();
})();
