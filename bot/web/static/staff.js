// Staff console: the callback list. Phones are fetched one at a time, on request (audited).
(function () {
  "use strict";
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var body = document.querySelector("#bookings tbody");
  var empty = document.getElementById("empty");
  var message = document.getElementById("message");
  var statusFilter = document.getElementById("status");
  var pointFilter = document.getElementById("contact-point");
  var ROLES = { self: "Personen selv", relative: "Pårørende", professional: "Fagperson" };
  var STATUS = { pending: "Venter", done: "Udført", cancelled: "Aflyst" };
  var pointsLoaded = false;

  function post(url, data) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(data || {}),
    }).then(function (answer) {
      if (answer.status === 401) { location.href = "/staff/login"; }
      return answer.json().then(function (json) {
        if (!answer.ok) throw new Error(json.error || "Fejl");
        return json;
      });
    });
  }

  function when(iso) {
    var date = new Date(iso);
    return date.toLocaleString("da-DK", { weekday: "short", day: "numeric", month: "short",
      hour: "2-digit", minute: "2-digit", timeZone: "Europe/Copenhagen" });
  }

  function cell(row, label, content, className) {
    var td = document.createElement("td");
    td.dataset.label = label;
    if (className) td.className = className;
    if (typeof content === "string") td.textContent = content; else td.appendChild(content);
    row.appendChild(td);
    return td;
  }

  function button(text, handler, plain) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    if (plain) b.className = "plain";
    b.addEventListener("click", handler);
    return b;
  }

  function render(data) {
    if (!pointsLoaded) {
      data.contact_points.forEach(function (p) {
        var option = document.createElement("option");
        option.value = p.id; option.textContent = p.name;
        pointFilter.appendChild(option);
      });
      pointsLoaded = true;
    }
    body.textContent = "";
    empty.hidden = data.bookings.length > 0;
    data.bookings.forEach(function (b) {
      var row = document.createElement("tr");
      row.dataset.reference = b.reference;
      cell(row, "Reference", b.reference, "ref");
      cell(row, "Ring op", when(b.callback_at));
      var who = document.createElement("div");
      who.textContent = ROLES[b.role] || b.role;
      var facts = Object.keys(b.summary || {}).filter(function (k) { return b.summary[k]; })
        .map(function (k) { return k + ": " + b.summary[k]; }).join(" · ");
      if (facts) {
        var small = document.createElement("div");
        small.className = "summary"; small.textContent = facts;
        who.appendChild(small);
      }
      cell(row, "Hvem", who);
      cell(row, "Kontaktpunkt", b.contact_point_name);
      var badge = document.createElement("span");
      badge.className = "badge " + b.status; badge.textContent = STATUS[b.status] || b.status;
      cell(row, "Status", badge);
      var phone = document.createElement("span");
      var show = button("Vis nummer", function () {
        show.disabled = true;
        post("/staff/api/bookings/" + encodeURIComponent(b.reference) + "/phone")
          .then(function (json) {
            phone.textContent = json.phone || "(intet nummer)";
            phone.className = "mono phone";
            show.remove();
          }).catch(function (e) { show.disabled = false; message.textContent = e.message; });
      }, true);
      show.setAttribute("aria-label", "Vis telefonnummer for " + b.reference);
      phone.appendChild(show);
      cell(row, "Telefon", phone);
      var actions = document.createElement("div");
      actions.className = "row-actions";
      if (b.status === "pending") {
        var done = button("Udført", function () { mark(b.reference, "done"); });
        done.setAttribute("aria-label", "Marker " + b.reference + " som udført");
        var cancel = button("Aflys", function () { mark(b.reference, "cancelled"); }, true);
        cancel.setAttribute("aria-label", "Aflys " + b.reference);
        actions.appendChild(done); actions.appendChild(cancel);
      }
      cell(row, "Handling", actions);
      body.appendChild(row);
    });
  }

  function mark(reference, status) {
    post("/staff/api/bookings/" + encodeURIComponent(reference) + "/status", { status: status })
      .then(function () {
        message.textContent = reference + " er nu " + (STATUS[status] || status).toLowerCase() + ".";
        load();
      }).catch(function (e) { message.textContent = e.message; });
  }

  function load() {
    var query = new URLSearchParams({ status: statusFilter.value, contact_point: pointFilter.value });
    return fetch("/staff/api/bookings?" + query, { credentials: "same-origin", cache: "no-store" })
      .then(function (answer) {
        if (answer.status === 401) { location.href = "/staff/login"; return null; }
        return answer.json();
      }).then(function (data) { if (data) render(data); })
      .catch(function () { message.textContent = "Listen kunne ikke hentes."; });
  }

  document.getElementById("filters").addEventListener("submit", function (event) {
    event.preventDefault();
    message.textContent = "";
    load();
  });
  statusFilter.addEventListener("change", load);
  pointFilter.addEventListener("change", load);
  load();
})();
