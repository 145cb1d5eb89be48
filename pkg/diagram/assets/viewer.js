// Offline viewer for a lattice-lint diagram: pan and zoom the SVG, link the
// findings table to the drawing, search. No network, no libraries.
(function () {
  "use strict";
  var canvas = document.getElementById("canvas");
  var svg = canvas.querySelector("svg");
  var table = document.getElementById("findings-table");
  var search = document.getElementById("search");
  if (!svg) { return; }
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  var vb0 = svg.viewBox.baseVal;
  var home = { x: vb0.x, y: vb0.y, w: vb0.width, h: vb0.height };
  var view = { x: home.x, y: home.y, w: home.w, h: home.h };
  function apply() { svg.setAttribute("viewBox", view.x + " " + view.y + " " + view.w + " " + view.h); }
  function toSVG(evt) {
    var r = svg.getBoundingClientRect();
    var s = Math.max(view.w / r.width, view.h / r.height);
    var ox = (r.width * s - view.w) / 2, oy = (r.height * s - view.h) / 2;
    return { x: view.x - ox + (evt.clientX - r.left) * s, y: view.y - oy + (evt.clientY - r.top) * s, s: s };
  }
  function zoom(f, cx, cy) {
    if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
    var w = view.w * f, h = view.h * f;
    if (w < 20 || w > home.w * 20) { return; }
    view.x = cx - (cx - view.x) * f; view.y = cy - (cy - view.y) * f; view.w = w; view.h = h;
    apply();
  }
  canvas.addEventListener("wheel", function (e) {
    e.preventDefault();
    var p = toSVG(e);
    zoom(e.deltaY < 0 ? 0.85 : 1 / 0.85, p.x, p.y);
  }, { passive: false });
  var drag = null;
  canvas.addEventListener("mousedown", function (e) {
    drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, s: toSVG(e).s, moved: false };
    canvas.classList.add("dragging");
  });
  window.addEventListener("mousemove", function (e) {
    if (!drag) { return; }
    var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; }
    view.x = drag.vx - dx * drag.s; view.y = drag.vy - dy * drag.s;
    apply();
  });
  window.addEventListener("mouseup", function () { canvas.classList.remove("dragging"); setTimeout(function () { drag = null; }, 0); });
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(0.8); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(1.25); });
  document.getElementById("zoom-fit").addEventListener("click", function () {
    view = { x: home.x, y: home.y, w: home.w, h: home.h }; apply();
  });

  function element(id) {
    var el = document.getElementById(id);
    return el && svg.contains(el) ? el : null;
  }
  function clearHits() {
    svg.querySelectorAll(".lattice-hit").forEach(function (el) { el.classList.remove("lattice-hit"); });
    table.querySelectorAll("tr.hit").forEach(function (tr) { tr.classList.remove("hit"); });
  }
  function show(id) {
    var el = element(id);
    if (!el) { return; }
    el.classList.add("lattice-hit");
    var b = el.getBBox();
    var m = el.getCTM(), root = svg.getCTM();
    if (m && root) {
      var rel = root.inverse().multiply(m);
      var x = rel.a * b.x + rel.c * b.y + rel.e, y = rel.b * b.x + rel.d * b.y + rel.f;
      var w = Math.max(b.width * 3, home.w / 4), h = Math.max(b.height * 3, home.h / 4);
      view = { x: x + b.width / 2 - w / 2, y: y + b.height / 2 - h / 2, w: w, h: h };
      apply();
    }
  }
  table.querySelectorAll("tr[data-element]").forEach(function (tr) {
    tr.addEventListener("click", function () {
      clearHits();
      tr.classList.add("hit");
      show(tr.getAttribute("data-element"));
    });
  });
  svg.querySelectorAll("g.node, g.edge, g.cluster").forEach(function (g) {
    g.addEventListener("click", function (e) {
      if (drag && drag.moved) { return; }
      var rows = table.querySelectorAll('tr[data-element="' + g.id + '"]');
      if (!rows.length) { return; }
      e.stopPropagation();
      e.preventDefault();
      clearHits();
      g.classList.add("lattice-hit");
      rows.forEach(function (tr) { tr.classList.add("hit"); });
      rows[0].scrollIntoView({ block: "nearest" });
    });
  });
  search.addEventListener("input", function () {
    var q = search.value.trim().toLowerCase();
    svg.querySelectorAll("g.node, g.edge").forEach(function (g) {
      if (g.id === "legend") { return; }
      var hit = !q || g.textContent.toLowerCase().indexOf(q) >= 0;
      g.classList.toggle("dim", !hit);
    });
    table.querySelectorAll("tbody tr").forEach(function (tr) {
      tr.classList.toggle("hidden", !!q && tr.textContent.toLowerCase().indexOf(q) < 0);
    });
  });
  apply();
  document.body.setAttribute("data-ready", "1");
})();
