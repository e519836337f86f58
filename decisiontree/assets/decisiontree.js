/*
 * Self-assessment pages, made better with JavaScript.
 *
 * Every page works without this script: answers are plain links. On top of
 * them it remembers the answers given in this visit (sessionStorage), marks
 * the path taken on the chart, lists "Your answers" with Change links on an
 * outcome page, makes a link that reproduces the answers, and moves focus to
 * the new heading after each step.
 *
 * The answers are a map from question id to answer position (1-based). The
 * path is never stored: it is the walk from the start that follows the map,
 * so changing one answer keeps every later answer that still lies on the new
 * route and drops the rest.
 *
 * Data comes from the page: `.dt-data script` holds the page's data, whose
 * shape is written down once, in decisiontree/pagedata.py. Its graph (or
 * `tree.json`, for a large tree) is used as it comes. Every word shown is in
 * the page's HTML already: the "Your answers" block comes hidden, and this
 * script only fills it in and shows it.
 *
 * Loaded by every tree page; with instant navigation it may run more than
 * once in one document, so it installs itself only once.
 */
(function () {
  "use strict";
  if (window.__decisiontree) return;
  window.__decisiontree = true;

  var graphs = {};

  function key(tree) { return "decisiontree:" + tree; }

  function load(info) {
    try {
      var saved = JSON.parse(sessionStorage.getItem(key(info.tree)) || "null");
      if (saved && saved.v === info.version && saved.a && typeof saved.a === "object") return saved.a;
    } catch (e) { /* storage unavailable or unreadable: start empty */ }
    return {};
  }

  function save(info, answers) {
    try {
      sessionStorage.setItem(key(info.tree), JSON.stringify({ v: info.version, a: answers }));
    } catch (e) { /* private mode: answers live as long as the page */ }
  }

  function flag(name, value) {
    try {
      if (value === undefined) {
        var had = sessionStorage.getItem("decisiontree:" + name);
        sessionStorage.removeItem("decisiontree:" + name);
        return had;
      }
      sessionStorage.setItem("decisiontree:" + name, value);
    } catch (e) { /* ignore */ }
    return null;
  }

  function own(object, name) { return Object.prototype.hasOwnProperty.call(object, name); }

  /* The walk from the start that follows the answers: [[question, answer], ...]. */
  function walk(graph, answers) {
    var steps = [];
    var seen = {};
    var id = graph.start;
    while (own(graph.routes, id) && !seen[id]) {
      seen[id] = true;
      var pick = answers[id];
      var next = graph.routes[id][pick - 1];
      if (!next) break;
      steps.push([id, pick]);
      id = next;
    }
    return { steps: steps, end: id };
  }

  function prune(graph, answers) {
    var kept = {};
    walk(graph, answers).steps.forEach(function (s) { kept[s[0]] = s[1]; });
    return kept;
  }

  function pageUrl(info, graph, id) {
    return new URL(graph.nodes[id].url, new URL(info.home, location.href)).href;
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : m;
    });
  }

  /* "?a=who-sets-the-spec:2,hired-for:1&v=1a2b3c4d" → answers, or an error word.
   * An id is good when it names a question of this tree (the routes say which). */
  function fromQuery(info, graph) {
    var params = new URLSearchParams(location.search);
    if (!params.has("a")) return null;
    if (params.get("v") !== info.version) return { error: "stale" };
    var answers = {};
    var parts = (params.get("a") || "").split(",");
    for (var i = 0; i < parts.length; i++) {
      var m = /^([^:]+):([1-9][0-9]{0,2})$/.exec(parts[i]);
      if (!m || !own(graph.routes, m[1])) return { error: "garbled" };
      if (Number(m[2]) > graph.routes[m[1]].length) return { error: "garbled" };
      answers[m[1]] = Number(m[2]);
    }
    var route = walk(graph, answers);
    if (route.end !== info.node || route.steps.length !== parts.length) return { error: "garbled" };
    return { answers: answers };
  }

  function shareUrl(info, steps) {
    var url = new URL(location.href);
    url.search = "";
    url.hash = "";
    url.searchParams.set("a", steps.map(function (s) { return s[0] + ":" + s[1]; }).join(","));
    url.searchParams.set("v", info.version);
    return url.href;
  }

  /* The notice comes hidden in the page, its texts in data-stale and data-garbled. */
  function notice(root, error) {
    var box = root.querySelector(".dt-notice");
    if (!box) return;
    box.textContent = box.dataset[error];
    box.hidden = false;
  }

  function highlight(root, steps, end) {
    root.querySelectorAll(".dt-taken").forEach(function (n) { n.classList.remove("dt-taken"); });
    steps.forEach(function (s) {
      var edge = root.querySelector('.dt-edge[data-from="' + s[0] + '"][data-answer="' + s[1] + '"]');
      if (edge) edge.classList.add("dt-taken");
    });
    steps.map(function (s) { return s[0]; }).concat(end ? [end] : []).forEach(function (id) {
      root.querySelectorAll('a.dt-node[data-node="' + id + '"]').forEach(function (n) { n.classList.add("dt-taken"); });
    });
  }

  /* Fills in the "Your answers" block that comes hidden in the page, and shows it. */
  function record(root, info, graph, steps) {
    var box = root.querySelector(".dt-record");
    if (!box) return;
    var list = box.querySelector(".dt-record-answers");
    var row = box.querySelector(".dt-record-row");
    list.textContent = "";
    steps.forEach(function (step) {
      var q = graph.nodes[step[0]];
      var item = row.content.cloneNode(true);
      item.querySelector("dt").textContent = q.text;
      item.querySelector(".dt-record-answer").textContent = q.answers[step[1] - 1];
      var change = item.querySelector(".dt-change");
      change.href = pageUrl(info, graph, step[0]) + "?change=1";
      change.setAttribute("aria-label", fill(change.dataset.label, { q: q.text }));
      change.dataset.change = step[0];
      list.appendChild(item);
    });
    var link = shareUrl(info, steps);
    var field = box.querySelector(".dt-share-url");
    field.value = link;
    box.querySelector(".dt-record-link").textContent = link;
    box.querySelector(".dt-record-day").textContent = new Date().toLocaleDateString(document.documentElement.lang || info.lang, { year: "numeric", month: "long", day: "numeric" });
    box.hidden = false;
  }

  function onRecord(event) {
    var button = event.target.closest && event.target.closest(".dt-copy, .dt-print");
    if (!button) return;
    if (button.classList.contains("dt-print")) return window.print();
    var box = button.closest(".dt-record");
    var field = box.querySelector(".dt-share-url");
    var status = box.querySelector(".dt-copy-status");
    var done = function () { status.textContent = status.dataset.copied; };
    field.select();
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand("copy"); done(); });
    } else {
      document.execCommand("copy");
      done();
    }
  }

  function show(root, info, graph) {
    var answers = load(info);
    if (info.kind === "outcome") {
      var shared = fromQuery(info, graph);
      if (shared && shared.error) notice(root, shared.error);
      if (shared && shared.answers) {
        answers = shared.answers;
        save(info, answers);
      }
    }
    var route = walk(graph, answers);
    var steps = route.steps;
    if (info.kind === "question") {
      var at = -1;
      steps.forEach(function (s, i) { if (s[0] === info.node) at = i; });
      var onRoute = at >= 0 || route.end === info.node;
      steps = onRoute ? steps.slice(0, at >= 0 ? at : steps.length) : [];
      var before = steps[steps.length - 1];
      var back = root.querySelector(".dt-back");
      if (back && before) back.href = pageUrl(info, graph, before[0]);
      var previous = answers[info.node];
      var nav = root.querySelector(".dt-answers");
      root.querySelectorAll("a.dt-answer").forEach(function (a) {
        var badge = a.querySelector(".dt-previous");
        var mine = Number(a.dataset.answer) === previous;
        a.classList.toggle("dt-answer--previous", mine);
        if (mine && !badge) a.appendChild(el("span", "dt-previous", nav.dataset.previous));
        if (!mine && badge) badge.remove();
      });
      highlight(root, steps, info.node);
    } else if (info.kind === "outcome") {
      if (route.end === info.node && steps.length) {
        highlight(root, steps, info.node);
        record(root, info, graph, steps);
      } else {
        highlight(root, [], info.node);
      }
    } else {
      highlight(root, steps, route.end);
    }
  }

  function onClick(event) {
    var link = event.target.closest && event.target.closest("a");
    var info = current();
    if (!link || !info) return;
    if (link.classList.contains("dt-restart")) {
      save(info, {});
      flag("focus", "1");
    } else if (link.classList.contains("dt-answer") && info.kind === "question") {
      var graph = kept(info);
      var answers = load(info);
      answers[info.node] = Number(link.dataset.answer);
      if (graph) answers = prune(graph, answers);
      save(info, answers);
      flag("focus", "1");
      var changing = new URLSearchParams(location.search).has("change");
      if (changing && graph) {
        // After a change, go straight on to where the kept answers lead:
        // the outcome, or the first question on the new route not yet answered.
        link.href = pageUrl(info, graph, walk(graph, answers).end);
      }
    } else if (link.classList.contains("dt-back") || link.classList.contains("dt-change") || link.classList.contains("dt-start")) {
      flag("focus", "1");
    }
  }

  /* ---- The chart: fit, zoom, full screen and tips ------------------------
   *
   * The SVG keeps its drawn size in its width and height attributes; the
   * script sets its CSS size to that times a scale. A chart wider than its
   * box gets the controls; on the start page it opens fitted to the box,
   * elsewhere at 100 %. A whole chart too large to show anything fitted
   * (below MIN_FIT) opens at 100 % on its start instead. The controls come
   * hidden in the page, so a page without this script shows none.
   *
   * The figure's state is kept in data attributes (data-zoomable,
   * data-zoomed, data-small, data-full), not in classes: Material's
   * stylesheet has rules on `:not([class])`, so a changed class makes the
   * browser style again everything inside the element, here the whole
   * drawing; a data attribute restyles only what the rules name. */

  var LEVELS = [1, 1.5, 2];
  var MIN_FIT = 0.1;
  var SMALL = 0.6; /* below this scale, strokes keep their screen width */
  var READABLE = 0.8; /* below this scale, every node shows its text in a tip */

  function size(svg) { return [Number(svg.getAttribute("width")), Number(svg.getAttribute("height"))]; }

  function fitScale(fig) {
    var box = fig.querySelector(".dt-chart-scroll");
    var n = size(fig.querySelector(".dt-chart-svg"));
    var s = box.clientWidth / n[0];
    if (fig.hasAttribute("data-full")) s = Math.min(s, box.clientHeight / n[1]);
    return Math.min(1, s);
  }

  /* The point to keep in view, in drawing units: the focused or hovered node,
   * the last node focused in this chart, the page's node, the end of the
   * path taken, else the start. */
  function anchor(fig) {
    var active = document.activeElement;
    var node = (fig.contains(active) && active.closest("a.dt-node")) || fig.querySelector("a.dt-node:hover") ||
      (fig.dtLast && fig.contains(fig.dtLast) && fig.dtLast) || fig.querySelector("a.dt-node--current");
    var taken = fig.querySelectorAll("a.dt-node.dt-taken");
    node = node || taken[taken.length - 1];
    if (node) {
      var r = node.querySelector(".dt-node-shape");
      var v = function (a) { return Number(r.getAttribute(a)); };
      return [v("x") + v("width") / 2, v("y") + v("height") / 2];
    }
    var spot = fig.querySelector(".dt-chart-start");
    return [parseFloat(spot.style.left), parseFloat(spot.style.top)];
  }

  function zoom(fig, scale, at) {
    var box = fig.querySelector(".dt-chart-scroll");
    var svg = fig.querySelector(".dt-chart-svg");
    var n = size(svg);
    var old = Number(fig.dataset.scale) || 1;
    at = at || anchor(fig);
    var b = box.getBoundingClientRect();
    var r = svg.getBoundingClientRect();
    /* where the point shows in the box now; the middle if it is out of sight */
    var vx = r.left + at[0] * (r.width / n[0]) - b.left;
    var vy = r.top + at[1] * (r.height / n[1]) - b.top;
    if (vx < 0 || vx > box.clientWidth) vx = box.clientWidth / 2;
    if (vy < 0 || vy > b.height) vy = Math.min(b.height, innerHeight) / 2;
    fig.dataset.scale = scale;
    fig.toggleAttribute("data-zoomed", scale > fitScale(fig) + 0.001);
    fig.toggleAttribute("data-small", scale < SMALL);
    svg.style.width = n[0] * scale + "px";
    svg.style.height = n[1] * scale + "px";
    r = svg.getBoundingClientRect();
    b = box.getBoundingClientRect();
    /* far enough from the edges for a whole node around the point */
    var mx = Math.min(box.clientWidth / 2, 112 * scale);
    var my = Math.min(box.clientHeight / 2, 64 * scale);
    vx = Math.max(mx, Math.min(vx, box.clientWidth - mx));
    vy = Math.max(my, Math.min(vy, box.clientHeight - my));
    box.scrollLeft += r.left + at[0] * scale - b.left - vx;
    box.scrollTop += r.top + at[1] * scale - b.top - vy;
    r = svg.getBoundingClientRect();
    var y = r.top + at[1] * scale;
    if (!fig.hasAttribute("data-full") && (y < 0 || y > innerHeight)) scrollBy(0, y - innerHeight / 2);
    var tools = fig.querySelector(".dt-chart-tools");
    var fit = fitScale(fig);
    tools.querySelector('[data-zoom="in"]').setAttribute("aria-disabled", String(scale >= LEVELS[LEVELS.length - 1]));
    tools.querySelector('[data-zoom="out"]').setAttribute("aria-disabled", String(scale <= fit + 0.001));
    tools.querySelector(".dt-chart-scale").textContent = Math.round(scale * 100) + "%";
    hideTip(fig);
  }

  function step(fig, direction) {
    var fit = fitScale(fig);
    var now = Number(fig.dataset.scale) || 1;
    var levels = [fit].concat(LEVELS.filter(function (l) { return l > fit + 0.001; }));
    var next = direction > 0 ?
      levels.filter(function (l) { return l > now + 0.001; })[0] :
      levels.filter(function (l) { return l < now - 0.001; }).pop();
    if (next !== undefined) fig.dataset.mode = next === fit ? "fit" : "";
    if (next !== undefined) zoom(fig, next);
  }

  function fitChart(fig) {
    fig.dataset.mode = "fit";
    zoom(fig, fitScale(fig));
  }

  /* Full screen: the figure moves into a modal dialog (focus stays inside,
   * Escape closes it) and back to its place when the dialog closes. */
  function fullScreen(fig) {
    var dialog = document.createElement("dialog");
    dialog.className = "dt-chart-dialog";
    dialog.setAttribute("aria-label", fig.querySelector(".dt-chart-scroll").getAttribute("aria-label"));
    fig.replaceWith(dialog);
    dialog.appendChild(fig);
    fig.toggleAttribute("data-full", true);
    fig.querySelector('[data-zoom="full"]').hidden = true;
    fig.querySelector('[data-zoom="close"]').hidden = false;
    dialog.addEventListener("close", function () {
      if (dialog.parentNode) dialog.replaceWith(fig);
      fig.toggleAttribute("data-full", false);
      fig.querySelector('[data-zoom="full"]').hidden = false;
      fig.querySelector('[data-zoom="close"]').hidden = true;
      setup(fig, true);
      if (!fig.dtLeaving) fig.querySelector('[data-zoom="full"]').focus();
      fig.dtLeaving = false;
    });
    dialog.addEventListener("click", function (event) {
      /* a link leaves the dialog first, so its page or anchor is not behind it */
      if (event.target.closest("a")) {
        fig.dtLeaving = true;
        dialog.close();
      }
    });
    dialog.showModal();
    fig.querySelector('[data-zoom="close"]').focus();
    fitChart(fig);
  }

  function setup(fig, again) {
    var tools = fig.querySelector(".dt-chart-tools");
    var svg = fig.querySelector(".dt-chart-svg");
    if (!tools || !svg || !svg.getAttribute("width")) return;
    if (fig.dataset.ready && !again) return;
    var startPage = !fig.querySelector("a.dt-node--current");
    var n = size(svg);
    var width = fig.querySelector(".dt-chart-scroll").clientWidth;
    var used = fig.hasAttribute("data-zoomable");
    fig.dataset.ready = "1";
    if (n[0] <= width && !used) return;
    tools.hidden = false;
    fig.toggleAttribute("data-zoomable", true);
    if (!again && !used) return open(fig, tools, svg, n, Math.min(1, width / n[0]), startPage);
    if (fig.dataset.mode === "fit" || (startPage && !used && fitScale(fig) >= MIN_FIT)) fitChart(fig);
    else zoom(fig, Number(fig.dataset.scale) || 1);
  }

  /* The first scale of a chart wider than its box, set while the page opens:
   * every size is read before anything is written, so the browser lays the
   * page out once. Fitted, the drawing is as wide as the box and nothing
   * needs scrolling; at 100 %, the box is scrolled to the page's node in the
   * next frame, reading the layout that frame has made already. */
  function open(fig, tools, svg, n, fit, startPage) {
    var scale = startPage && fit >= MIN_FIT ? fit : 1;
    if (scale === fit) fig.dataset.mode = "fit";
    fig.dataset.scale = scale;
    fig.toggleAttribute("data-zoomed", scale > fit + 0.001);
    fig.toggleAttribute("data-small", scale < SMALL);
    /* Fitted, the drawing has that size from the stylesheet already
     * (max-width: 100%), so it is left alone and not laid out again. */
    if (scale !== fit) {
      svg.style.width = n[0] * scale + "px";
      svg.style.height = n[1] * scale + "px";
    }
    tools.querySelector('[data-zoom="in"]').setAttribute("aria-disabled", String(scale >= LEVELS[LEVELS.length - 1]));
    tools.querySelector('[data-zoom="out"]').setAttribute("aria-disabled", String(scale <= fit + 0.001));
    tools.querySelector(".dt-chart-scale").textContent = Math.round(scale * 100) + "%";
    if (scale !== fit) requestAnimationFrame(function () { aim(fig, scale); });
  }

  /* Scrolls the box, not the page, so the point to keep in view shows where
   * it is, or in the middle when it is out of the box. */
  function aim(fig, scale) {
    var box = fig.querySelector(".dt-chart-scroll");
    var at = anchor(fig);
    var b = box.getBoundingClientRect();
    var r = fig.querySelector(".dt-chart-svg").getBoundingClientRect();
    var w = box.clientWidth;
    var h = box.clientHeight;
    var x = r.left + at[0] * scale - b.left;
    var y = r.top + at[1] * scale - b.top;
    var mx = Math.min(w / 2, 112 * scale);
    var my = Math.min(h / 2, 64 * scale);
    var vx = Math.max(mx, Math.min(x < 0 || x > w ? w / 2 : x, w - mx));
    var vy = Math.max(my, Math.min(y < 0 || y > h ? h / 2 : y, h - my));
    box.scrollLeft += x - vx;
    box.scrollTop += y - vy;
  }

  /* Each chart is set up once its box has been laid out: a ResizeObserver
   * reports after the browser's own layout, so reading the box's width then
   * forces no extra style or layout while the page is still loading. */
  var watcher = window.ResizeObserver && new ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      watcher.unobserve(entry.target);
      var fig = entry.target.closest("figure.dt-chart");
      if (fig) setup(fig);
    });
  });

  function charts() {
    document.querySelectorAll("figure.dt-chart").forEach(function (fig) {
      var box = fig.querySelector(".dt-chart-scroll");
      if (watcher && box && !fig.dataset.ready) watcher.observe(box);
      else setup(fig);
    });
  }

  function onTool(event) {
    var button = event.target.closest && event.target.closest(".dt-chart-tool");
    if (!button) return;
    var fig = button.closest("figure.dt-chart");
    var what = button.dataset.zoom;
    if (what === "in" || what === "out") step(fig, what === "in" ? 1 : -1);
    else if (what === "fit") fitChart(fig);
    else if (what === "full") fullScreen(fig);
    else if (what === "close") fig.closest("dialog").close();
  }

  function onKey(event) {
    var box = event.target.closest && event.target.closest(".dt-chart-scroll");
    if (!box || event.ctrlKey || event.metaKey || event.altKey) return;
    var fig = box.closest("figure.dt-chart");
    if (!fig.hasAttribute("data-zoomable")) return;
    var key = event.key;
    if (key === "+" || key === "=") step(fig, 1);
    else if (key === "-") step(fig, -1);
    else if (key === "0") fitChart(fig);
    else return;
    event.preventDefault();
  }

  /* Double-click on the chart zooms in around that point. */
  function onDouble(event) {
    var svg = event.target.closest && event.target.closest(".dt-chart-svg");
    var fig = svg && svg.closest("figure.dt-chart[data-zoomable]");
    if (!fig || event.target.closest("a")) return;
    var r = svg.getBoundingClientRect();
    var s = Number(fig.dataset.scale) || 1;
    var next = LEVELS.filter(function (l) { return l > s + 0.001; })[0];
    if (next) {
      fig.dataset.mode = "";
      zoom(fig, next, [(event.clientX - r.left) / s, (event.clientY - r.top) / s]);
    }
  }

  function hideTip(fig) {
    var tip = fig.querySelector(".dt-chart-tip");
    if (tip) tip.hidden = true;
  }

  /* A node's full text, in page-sized type whatever the chart's scale: for
   * outcomes and shortened questions always, for every node when small. */
  function onTip(event) {
    var node = event.target.closest && event.target.closest("a.dt-node");
    var fig = node && node.closest("figure.dt-chart");
    if (!fig) return;
    var on = event.type === "mouseover" || event.type === "focusin";
    if (event.type === "focusin") fig.dtLast = node;
    var svgTip = fig.querySelector('.dt-tip[data-for="' + node.dataset.node + '"]');
    var scale = Number(fig.dataset.scale) || 1;
    if (!on || (!svgTip && scale >= READABLE)) return hideTip(fig);
    var tip = fig.querySelector(".dt-chart-tip");
    if (!tip) {
      tip = fig.appendChild(el("div", "dt-chart-tip"));
      tip.setAttribute("aria-hidden", "true");
    }
    tip.textContent = "";
    if (svgTip) {
      svgTip.querySelectorAll("tspan").forEach(function (t) {
        var strong = t.classList.contains("dt-tip-strong");
        var last = tip.lastChild;
        if (last && (last.nodeName === "STRONG") === strong) last.textContent += " " + t.textContent;
        else tip.appendChild(strong ? el("strong", null, t.textContent) : el("span", null, t.textContent));
      });
    } else {
      tip.appendChild(el("span", null, node.querySelector("title").textContent));
    }
    tip.hidden = false;
    var f = fig.getBoundingClientRect();
    var n = node.querySelector(".dt-node-shape").getBoundingClientRect();
    var left = Math.max(0, Math.min(n.left + n.width / 2 - f.left - tip.offsetWidth / 2, f.width - tip.offsetWidth));
    var top = n.bottom - f.top + 6;
    if (n.bottom + tip.offsetHeight + 6 > Math.min(innerHeight, fig.querySelector(".dt-chart-scroll").getBoundingClientRect().bottom)) {
      top = Math.max(0, n.top - f.top - tip.offsetHeight - 6);
    }
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  }

  function current() {
    var script = document.querySelector(".dt-data script");
    if (!script) return null;
    try {
      var data = JSON.parse(script.textContent);
      return Array.isArray(data) ? data[0] : null;
    } catch (e) {
      return null;
    }
  }

  /* The graph of this page's tree, once it has come: the page's own, or tree.json. */
  function kept(info) {
    var known = graphs[info.tree];
    return info.graph || (known && known.version === info.version ? known.graph : null);
  }

  function graphFor(info) {
    var graph = kept(info);
    if (graph) return Promise.resolve(graph);
    return fetch(new URL(info.src, location.href)).then(function (r) { return r.json(); }).then(function (g) {
      graphs[info.tree] = { version: info.version, graph: g };
      return g;
    });
  }

  function start() {
    charts();
    var info = current();
    if (!info) return;
    var root = document.querySelector("article") || document.body;
    graphFor(info).then(function (graph) {
      show(root, info, graph);
      if (flag("focus")) {
        var h1 = root.querySelector("h1");
        if (h1) {
          h1.setAttribute("tabindex", "-1");
          h1.focus();
        }
      }
    }).catch(function () { /* the plain pages still work */ });
  }

  document.addEventListener("click", onClick, true);
  document.addEventListener("click", onTool);
  document.addEventListener("click", onRecord);
  document.addEventListener("keydown", onKey);
  document.addEventListener("dblclick", onDouble);
  addEventListener("resize", function () {
    document.querySelectorAll("figure.dt-chart").forEach(function (fig) { setup(fig, true); });
  });
  ["mouseover", "mouseout", "focusin", "focusout"].forEach(function (type) {
    document.addEventListener(type, onTip);
  });
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
