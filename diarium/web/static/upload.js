// Upload each chosen PDF in its own request, with a progress bar per file and the
// server's answer (ingested, already in the archive, or why not). No inline script:
// the page's Content-Security-Policy allows only files from this server.
"use strict";
(function () {
  const form = document.getElementById("upload");
  const list = document.getElementById("uploads");
  if (!form || !list) return;
  const csrf = form.dataset.csrf;

  function row(file) {
    const li = document.createElement("li");
    li.className = "upload-file";
    const name = document.createElement("span");
    name.className = "name";
    name.textContent = file.name;
    const bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    const status = document.createElement("span");
    status.className = "status";
    status.textContent = "väntar";
    li.append(name, " ", bar, " ", status);
    list.append(li);
    return { li, bar, status };
  }

  function send(file, view) {
    return new Promise((resolve) => {
      const data = new FormData();
      data.append("file", file, file.name);
      const xhr = new XMLHttpRequest();
      xhr.open("POST", "/api/documents");
      xhr.setRequestHeader("X-CSRF-Token", csrf);
      xhr.upload.addEventListener("progress", (event) => {
        if (event.lengthComputable) {
          view.bar.value = Math.round((100 * event.loaded) / event.total);
          view.status.textContent = "skickar " + view.bar.value + " %";
        }
      });
      xhr.upload.addEventListener("load", () => {
        view.bar.value = 100;
        view.status.textContent = "läses in …";
      });
      xhr.addEventListener("loadend", () => {
        let answer = null;
        try { answer = JSON.parse(xhr.responseText); } catch (e) { answer = null; }
        const result = answer && answer.files ? answer.files[0] : null;
        if (result && result.status === "ingested") {
          view.li.dataset.status = "ingested";
          view.status.textContent = "inläst";
          const link = document.createElement("a");
          link.href = "/doc/" + result.id;
          link.textContent = "öppna";
          view.li.append(" ", link);
        } else if (result && result.status === "skipped") {
          view.li.dataset.status = "skipped";
          view.status.textContent = "finns redan i arkivet";
        } else {
          view.li.dataset.status = "failed";
          const why = result ? result.reason : (answer && answer.error) || ("fel " + xhr.status);
          view.status.textContent = "misslyckades: " + why;
        }
        resolve();
      });
      xhr.send(data);
    });
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const files = Array.from(form.querySelector("input[type=file]").files);
    const views = files.map(row);
    for (let i = 0; i < files.length; i++) {
      await send(files[i], views[i]);
    }
    form.reset();
  });
})();
