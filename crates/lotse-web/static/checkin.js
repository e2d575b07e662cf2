// Check-in page: tickets are checked in without reloading the page, the counts and the
// list follow other devices every few seconds, and where the browser has a
// BarcodeDetector the tablet camera reads the QR code. Without JavaScript the page
// still works as plain forms.
(function () {
  "use strict";
  var form = document.getElementById("checkin-form");
  if (!form || !window.fetch || !window.DOMParser) {
    return;
  }
  var input = document.getElementById("f-ticket");
  var result = document.getElementById("checkin-result");
  var refreshMs = parseInt(form.getAttribute("data-refresh-ms"), 10) || 5000;

  function parse(html) {
    return new DOMParser().parseFromString(html, "text/html");
  }

  // Takes the counts and the list from a freshly rendered page, and the result line
  // when it answers our own check-in. The result element stays in place so screen
  // readers announce its new text.
  function apply(doc, withResult) {
    ["checkin-counts", "checkin-rows"].forEach(function (id) {
      var fresh = doc.getElementById(id);
      var mine = document.getElementById(id);
      if (fresh && mine && mine.innerHTML !== fresh.innerHTML) {
        mine.innerHTML = fresh.innerHTML;
      }
    });
    if (withResult) {
      var fresh = doc.getElementById("checkin-result");
      result.className = fresh ? fresh.className : "";
      result.textContent = fresh ? fresh.textContent : "";
    }
  }

  function checkIn(target, code) {
    var body = new URLSearchParams();
    body.set("ticket", code);
    return fetch(target, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "text/html" },
    })
      .then(function (response) {
        return response.text();
      })
      .then(function (html) {
        apply(parse(html), true);
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var code = input.value.trim();
    if (!code) {
      return;
    }
    checkIn(form.action, code).then(function () {
      // Ready for the next ticket, also for USB scanners that type the code and Enter.
      input.value = "";
      input.focus();
    });
  });

  // The "present" buttons in the list.
  document.getElementById("checkin-rows").addEventListener("submit", function (event) {
    var row = event.target;
    var ticket = row.querySelector("input[name=ticket]");
    if (!ticket) {
      return;
    }
    event.preventDefault();
    checkIn(row.action, ticket.value);
  });

  window.setInterval(function () {
    if (document.hidden) {
      return;
    }
    fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html) {
          apply(parse(html), false);
        }
      })
      .catch(function () {
        // Offline for a moment: the next tick tries again.
      });
  }, refreshMs);

  // Camera scanning, only where the browser can read QR codes itself.
  var scanner = document.getElementById("checkin-scanner");
  if (
    !scanner ||
    !("BarcodeDetector" in window) ||
    !navigator.mediaDevices ||
    !navigator.mediaDevices.getUserMedia
  ) {
    return;
  }
  var button = document.getElementById("checkin-camera");
  var video = document.getElementById("checkin-video");
  var stream = null;
  var last = { code: "", at: 0 };

  function stop() {
    if (stream) {
      stream.getTracks().forEach(function (track) {
        track.stop();
      });
    }
    stream = null;
    video.hidden = true;
    button.textContent = scanner.getAttribute("data-start");
  }

  function scan(detector) {
    if (!stream) {
      return;
    }
    detector
      .detect(video)
      .then(function (codes) {
        var now = Date.now();
        if (codes.length > 0) {
          var code = codes[0].rawValue.trim();
          // The same ticket in front of the camera is read many times a second.
          if (code && (code !== last.code || now - last.at > 3000)) {
            last = { code: code, at: now };
            checkIn(form.action, code);
          }
        }
      })
      .catch(function () {})
      .then(function () {
        window.setTimeout(function () {
          scan(detector);
        }, 250);
      });
  }

  window.BarcodeDetector.getSupportedFormats().then(function (formats) {
    if (formats.indexOf("qr_code") < 0) {
      return;
    }
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    scanner.hidden = false;
    button.addEventListener("click", function () {
      if (stream) {
        stop();
        return;
      }
      navigator.mediaDevices
        .getUserMedia({ video: { facingMode: "environment" }, audio: false })
        .then(function (s) {
          stream = s;
          video.srcObject = s;
          video.hidden = false;
          button.textContent = scanner.getAttribute("data-stop");
          return video.play();
        })
        .then(function () {
          scan(detector);
        })
        .catch(function () {
          stop();
          result.className = "notice error checkin-result";
          result.textContent = scanner.getAttribute("data-denied");
        });
    });
  });
})();
