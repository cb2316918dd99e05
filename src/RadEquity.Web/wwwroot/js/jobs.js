// Live progress of background jobs (see Features/Jobs/_Jobs.cshtml), and upload progress for forms marked
// data-upload. Everything works without this script; it only saves reloading the page.
(function () {
  "use strict";

  function poll(item) {
    var id = item.getAttribute("data-job");
    fetch("/jobs/" + encodeURIComponent(id), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (job) {
        if (!job) { return; }
        var bar = item.querySelector("progress");
        if (job.percent === null) { bar.removeAttribute("value"); } else { bar.value = job.percent; bar.textContent = job.percent + " %"; }
        item.querySelector(".job-state").textContent = job.state;
        item.querySelector(".job-message").textContent = job.message;
        if (job.link) {
          var link = item.querySelector(".job-link");
          link.href = job.link;
          link.hidden = false;
        }
        if (job.finished) {
          item.setAttribute("data-finished", "true");
        } else {
          setTimeout(function () { poll(item); }, 1000);
        }
      })
      .catch(function () { setTimeout(function () { poll(item); }, 5000); });
  }

  document.querySelectorAll("[data-job][data-finished='false']").forEach(poll);

  // Uploads: send with progress, then follow the server's answer (the page with the new job, or the form's errors).
  document.querySelectorAll("form[data-upload]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var status = document.getElementById(form.getAttribute("data-upload"));
      var bar = status.querySelector("progress");
      var text = status.querySelector(".upload-message");
      status.hidden = false;
      var request = new XMLHttpRequest();
      request.open("POST", form.action);
      request.responseType = "document";
      request.upload.onprogress = function (e) {
        if (e.lengthComputable) {
          var percent = Math.floor(100 * e.loaded / e.total);
          bar.value = percent;
          text.textContent = "Uploading: " + percent + " %";
        }
      };
      request.onload = function () {
        var main = request.response && request.response.querySelector("main");
        if (request.responseURL && request.responseURL.indexOf("job=") >= 0) {
          window.location.assign(request.responseURL);
        } else if (main) {
          document.querySelector("main").innerHTML = main.innerHTML;
          var errors = document.querySelector("[data-testid='errors']");
          if (errors) { errors.setAttribute("tabindex", "-1"); errors.focus(); }
        } else {
          text.textContent = "The upload failed (" + request.status + "). Try again.";
        }
      };
      request.onerror = function () { text.textContent = "The upload failed: the connection was lost. Try again."; };
      text.textContent = "Uploading: 0 %";
      request.send(new FormData(form));
    });
  });
})();
