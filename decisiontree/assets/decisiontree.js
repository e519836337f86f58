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
 * Data comes from the page: `.dt-data script` holds a JSON array whose first
 * item describes the tree and this page (an array, because Material's instant
 * navigation re-inserts scripts of the content as plain scripts, and a JSON
 * array is harmless there). Large trees put the graph in `tree.json`; a
 * start page of a small tree carries only `routes`, where each answer leads.
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

  /* The walk from the start that follows the answers: [[question, answer], ...]. */
  function walk(graph, answers) {
    var steps = [];
    var seen = {};
    var id = graph.start;
    while (id && graph.nodes[id] && graph.nodes[id].a && !seen[id]) {
      seen[id] = true;
      var pick = answers[id];
      var next = graph.nodes[id].a[pick - 1];
      if (!next) break;
      steps.push([id, pick]);
      id = next[1];
    }
    return { steps: steps, end: id };
  }

  function prune(graph, answers) {
    var kept = {};
    walk(graph, answers).steps.forEach(function (s) { kept[s[0]] = s[1]; });
    return kept;
  }

  function pageUrl(info, graph, id) {
    return new URL(graph.nodes[id].u, new URL(info.home, location.href)).href;
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

  /* "?a=who-sets-the-spec:2,hired-for:1&v=1a2b3c4d" → answers, or an error word. */
  function fromQuery(info, graph) {
    var params = new URLSearchParams(location.search);
    if (!params.has("a")) return null;
    if (params.get("v") !== info.version) return { error: "stale" };
    var answers = {};
    var parts = (params.get("a") || "").split(",");
    for (var i = 0; i < parts.length; i++) {
      var m = /^([a-z][a-z0-9-]*):([1-9][0-9]{0,2})$/.exec(parts[i]);
      if (!m || !graph.nodes[m[1]] || !graph.nodes[m[1]].a) return { error: "garbled" };
      if (Number(m[2]) > graph.nodes[m[1]].a.length) return { error: "garbled" };
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

  function notice(root, text) {
    var box = root.querySelector(".dt-notice");
    if (!box) {
      box = el("p", "dt-notice admonition warning");
      box.setAttribute("role", "status");
      var h1 = root.querySelector("h1");
      h1.parentNode.insertBefore(box, h1.nextSibling);
    }
    box.textContent = text;
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

  function record(root, info, graph, steps) {
    var box = root.querySelector(".dt-record");
    if (!box) return;
    var s = info.strings;
    box.textContent = "";
    box.appendChild(el("h2", "dt-record-title", s.your_answers)).id = "dt-your-answers";
    var list = box.appendChild(el("dl", "dt-record-answers"));
    steps.forEach(function (step) {
      var q = graph.nodes[step[0]];
      list.appendChild(el("dt", null, q.t));
      var dd = list.appendChild(el("dd"));
      dd.appendChild(el("span", "dt-record-answer", q.a[step[1] - 1][0]));
      var change = dd.appendChild(el("a", "dt-change", s.change));
      change.href = pageUrl(info, graph, step[0]) + "?change=1";
      change.setAttribute("aria-label", fill(s.change_answer, { q: q.t }));
      change.dataset.change = step[0];
    });
    var link = shareUrl(info, steps);
    box.appendChild(el("h3", "dt-record-share-title", s.share));
    box.appendChild(el("p", "dt-record-lead", s.share_lead));
    var row = box.appendChild(el("p", "dt-record-share"));
    var field = row.appendChild(el("input", "dt-share-url"));
    field.type = "text";
    field.readOnly = true;
    field.value = link;
    field.setAttribute("aria-label", s.share);
    var copy = row.appendChild(el("button", "md-button dt-copy", s.copy));
    copy.type = "button";
    var status = row.appendChild(el("span", "dt-copy-status"));
    status.setAttribute("role", "status");
    copy.addEventListener("click", function () {
      field.select();
      var done = function () { status.textContent = s.copied; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(link).then(done, function () { document.execCommand("copy"); done(); });
      } else {
        document.execCommand("copy");
        done();
      }
    });
    var print = box.appendChild(el("p", "dt-record-print")).appendChild(el("button", "md-button dt-print", s.print));
    print.type = "button";
    print.addEventListener("click", function () { window.print(); });
    var date = new Date().toLocaleDateString(document.documentElement.lang || info.lang, { year: "numeric", month: "long", day: "numeric" });
    box.appendChild(el("p", "dt-record-date", fill(s.answered_on, { date: date })));
    box.appendChild(el("p", "dt-record-link", link));
    box.hidden = false;
  }

  function show(root, info, graph) {
    var answers = load(info);
    if (info.kind === "outcome") {
      var shared = fromQuery(info, graph);
      if (shared && shared.error) notice(root, info.strings[shared.error]);
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
      root.querySelectorAll("a.dt-answer").forEach(function (a) {
        var badge = a.querySelector(".dt-previous");
        var mine = Number(a.dataset.answer) === previous;
        a.classList.toggle("dt-answer--previous", mine);
        if (mine && !badge) a.appendChild(el("span", "dt-previous", info.strings.previous_answer));
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
      var graph = graphs[info.tree];
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

  function onTip(event) {
    var node = event.target.closest && event.target.closest("a.dt-node");
    if (!node) return;
    var svg = node.closest("svg");
    var tip = svg && svg.querySelector('.dt-tip[data-for="' + node.dataset.node + '"]');
    if (tip) tip.classList.toggle("dt-tip--on", event.type === "mouseover" || event.type === "focusin");
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

  function graphFor(info) {
    if (graphs[info.tree] && graphs[info.tree].version === info.version) return Promise.resolve(graphs[info.tree]);
    if (info.nodes) {
      graphs[info.tree] = { start: info.start, nodes: info.nodes, version: info.version };
      return Promise.resolve(graphs[info.tree]);
    }
    if (info.routes) {
      // A start page carries only where each answer leads, without texts:
      // enough to highlight a path, so it is not kept for other pages.
      var nodes = {};
      Object.keys(info.routes).forEach(function (id) {
        nodes[id] = { a: info.routes[id].map(function (to) { return [null, to]; }) };
      });
      return Promise.resolve({ start: info.start, nodes: nodes, version: info.version });
    }
    return fetch(new URL(info.src, location.href)).then(function (r) { return r.json(); }).then(function (g) {
      graphs[info.tree] = { start: g.start, nodes: g.nodes, version: info.version };
      return graphs[info.tree];
    });
  }

  function start() {
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
