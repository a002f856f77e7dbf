// The school form checks itself as the clerk types: the form's inputs go to the server's validate endpoint
// (the same checker as `junheng check`), which answers the messages per field and the school's verdicts.
// Nothing is saved and the page is not reloaded, so nothing typed is lost. No inline script: CSP allows
// scripts from this origin only.
(function () {
  "use strict";
  var form = document.getElementById("facts-form");
  if (!form || !form.dataset.validate) { return; }
  var meta = document.querySelector('meta[name="csrf-token"]');
  var token = meta ? meta.getAttribute("content") : "";
  var timer = null, sequence = 0, dirty = false;

  function values() {
    var out = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && el.name.indexOf("f.") === 0) { out[el.name] = el.value; }
    });
    return out;
  }

  function text(tag, content, cls) {
    var el = document.createElement(tag);
    el.textContent = content == null ? "" : String(content);
    if (cls) { el.className = cls; }
    return el;
  }

  function show(answer) {
    var byField = {};
    (answer.errors || []).forEach(function (e) {
      var key = (e.field || "").split(".")[0];
      if (!byField[key]) { byField[key] = e.message; }
    });
    Array.prototype.forEach.call(document.querySelectorAll(".field-error"), function (el) {
      var key = el.getAttribute("data-for");
      el.textContent = byField[key] || "";
      var row = el.closest("tr");
      if (row) { row.classList.toggle("has-error", !!byField[key]); }
    });
    var overall = document.getElementById("overall");
    if (overall) {
      overall.textContent = answer.overall || "填写数据后，这里显示本校各项结论和尚缺";
      overall.className = "verdict " + (answer.status || "");
    }
    var box = document.getElementById("missing-box");
    if (box) {
      box.textContent = "";
      if (answer.missing && answer.missing.length) {
        var p = text("p", "", "missing-list");
        p.id = "missing";
        p.appendChild(text("b", "尚缺："));
        p.appendChild(document.createTextNode(answer.missing.join("、")));
        box.appendChild(p);
      }
    }
    var body = document.querySelector("#verdicts tbody");
    if (body) {
      body.textContent = "";
      (answer.verdicts || []).forEach(function (v) {
        var tr = document.createElement("tr");
        var st = (v.status || "").replace("/", "");
        tr.className = st;
        tr.appendChild(text("td", v.rule, "id"));
        tr.appendChild(text("td", v.name));
        tr.appendChild(text("td", v.value, "num"));
        tr.appendChild(text("td", v.standard, "std"));
        tr.appendChild(text("td", v.status_text, "st " + st));
        tr.appendChild(text("td", v.deficit, "num"));
        body.appendChild(tr);
      });
    }
  }

  function check() {
    var mine = ++sequence;
    fetch(form.dataset.validate, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": token},
      body: JSON.stringify({form: values()})
    }).then(function (r) {
      var live = document.getElementById("live-errors");
      if (live) { live.textContent = r.ok ? "" : "（即时检查暂不可用：HTTP " + r.status + "；保存时仍会全部检查）"; }
      return r.ok ? r.json() : null;
    }).then(function (answer) { if (answer && mine === sequence) { show(answer); } })
      .catch(function (error) {   // offline for a moment: the save still checks everything
        var live = document.getElementById("live-errors");
        if (live) { live.textContent = "（即时检查暂不可用：" + error + "；保存时仍会全部检查）"; }
      });
  }

  form.addEventListener("input", function () {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(check, 400);
  });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });
})();
