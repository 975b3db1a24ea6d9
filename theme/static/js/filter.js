/* Filter a timeline page's events by place and type.
 * An enhancement only: without JavaScript the form stays hidden and the
 * per-place and per-type pages do the same job. State lives in the URL
 * hash (#place=aleppo&type=attack) so a filtered view can be shared. */
(function () {
  "use strict";
  var form = document.getElementById("filter");
  if (!form) { return; }
  var place = form.querySelector("#filter-place");
  var type = form.querySelector("#filter-type");
  var status = form.querySelector(".filter-status");
  var events = Array.prototype.slice.call(document.querySelectorAll(".filterable .event"));
  var days = Array.prototype.slice.call(document.querySelectorAll(".filterable .day"));

  function readHash() {
    var params = {};
    window.location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var kv = pair.split("=");
      if (kv.length === 2) { params[kv[0]] = decodeURIComponent(kv[1]); }
    });
    return params;
  }

  function hasOption(select, value) {
    return Array.prototype.some.call(select.options, function (o) { return o.value === value; });
  }

  function apply() {
    var p = place.value, t = type.value, shown = 0;
    events.forEach(function (el) {
      var places = (el.getAttribute("data-places") || "").split(" ");
      var ok = (!p || places.indexOf(p) !== -1) && (!t || el.getAttribute("data-type") === t);
      el.hidden = !ok;
      if (ok) { shown += 1; }
    });
    days.forEach(function (day) {
      day.hidden = !day.querySelector(".event:not([hidden])");
    });
    status.textContent = (p || t)
      ? "Showing " + shown + " of " + events.length + " events on this page."
      : "";
  }

  function update() {
    var parts = [];
    if (place.value) { parts.push("place=" + encodeURIComponent(place.value)); }
    if (type.value) { parts.push("type=" + encodeURIComponent(type.value)); }
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", parts.length ? "#" + parts.join("&") : window.location.pathname + window.location.search);
    }
    apply();
  }

  var initial = readHash();
  if (initial.place && hasOption(place, initial.place)) { place.value = initial.place; }
  if (initial.type && hasOption(type, initial.type)) { type.value = initial.type; }
  place.addEventListener("change", update);
  type.addEventListener("change", update);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.hidden = false;
  apply();
}());
