// Polls the job's progress once a second and offers the download when it is ready (no library).
(function () {
  var box = document.getElementById("job");
  if (!box) return;
  var bar = document.getElementById("bar"), stage = document.getElementById("stage");
  function show(job) {
    if (job.total) { bar.max = job.total; bar.value = job.done; }
    stage.textContent = job.stage + (job.total ? "：" + job.done + " / " + job.total : "");
    if (job.state === "done" && !document.getElementById("download")) {
      var p = document.createElement("p"), a = document.createElement("a");
      a.id = "download"; a.className = "button primary"; a.href = box.dataset.download;
      a.textContent = "下载 " + job.filename;
      p.appendChild(a); box.insertBefore(p, box.querySelector(".hint"));
    }
    if (job.state === "failed" && !box.querySelector(".errors")) {
      var div = document.createElement("div"), pre = document.createElement("pre");
      div.className = "errors"; div.setAttribute("role", "alert"); pre.textContent = job.error;
      div.appendChild(pre); box.insertBefore(div, box.querySelector(".hint"));
    }
    return job.state === "running";
  }
  function poll() {
    fetch(box.dataset.url, {cache: "no-store"}).then(function (r) { return r.json(); })
      .then(function (job) { if (show(job)) setTimeout(poll, 1000); })
      .catch(function () { setTimeout(poll, 3000); });
  }
  poll();
})();
