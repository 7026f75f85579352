// Staff flow tester: chat as "staff-test-…" and see what the NLU and the policies did.
(function () {
  "use strict";
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var turns = document.getElementById("turns");
  var problem = document.getElementById("problem");
  var senderLabel = document.getElementById("sender");
  var form = document.getElementById("say");
  var text = document.getElementById("text");
  var sender = null;

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

  function pct(x) { return typeof x === "number" ? " (" + Math.round(x * 100) + " %)" : ""; }
  function el(tag, className, content) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (content !== undefined) e.textContent = content;
    return e;
  }
  function value(v) { return typeof v === "string" ? v : JSON.stringify(v); }

  function addTurn(said, data) {
    var item = el("li", "turn");
    var chat = el("div", "chat");
    chat.appendChild(el("div", "bubble user", said));
    (data.replies || []).forEach(function (m) {
      var bubble = el("div", "bubble bot", m.text || "");
      if (m.buttons && m.buttons.length) {
        var list = el("div", "buttons");
        m.buttons.forEach(function (b) {
          var choice = el("button", "plain", b.title);
          choice.type = "button";
          choice.title = b.payload;
          choice.addEventListener("click", function () { say(b.payload); });
          list.appendChild(choice);
          list.appendChild(document.createTextNode(" "));
        });
        bubble.appendChild(list);
      }
      chat.appendChild(bubble);
    });
    var t = data.turn || {};
    var analysis = el("div", "analysis");
    var dl = el("dl");
    function row(label, content) {
      dl.appendChild(el("dt", null, label));
      var dd = el("dd");
      if (typeof content === "string") dd.textContent = content; else dd.appendChild(content);
      dl.appendChild(dd);
    }
    var intent = el("span", "intent", t.intent ? t.intent.name + pct(t.intent.confidence) : "–");
    row("Intent", intent);
    row("Kandidater", (t.candidates || []).map(function (c) {
      return c.name + pct(c.confidence); }).join(", ") || "–");
    row("Entiteter", (t.entities || []).map(function (e) {
      return e.entity + " = " + value(e.value); }).join(", ") || "–");
    row("Slots", (t.slots || []).map(function (s) {
      return s.name + " = " + value(s.value); }).join(", ") || "–");
    if ((t.active_loop || []).length) {
      row("Loop", t.active_loop.map(function (l) { return l || "(slut)"; }).join(", "));
    }
    row("Handlinger", (t.actions || []).map(function (a) {
      var policy = a.policy ? " ← " + a.policy.replace(/^policy_\d+_/, "") : "";
      return a.name + policy + pct(a.confidence); }).join("\n") || "–");
    dl.lastChild.style.whiteSpace = "pre-line";
    analysis.appendChild(dl);
    item.appendChild(chat);
    item.appendChild(analysis);
    turns.appendChild(item);
    item.scrollIntoView({ block: "end" });
  }

  function say(message) {
    if (!sender) return;
    problem.textContent = "";
    post("/staff/api/test/message", { sender: sender, message: message })
      .then(function (data) { addTurn(message, data); })
      .catch(function (e) { problem.textContent = e.message; })
      .finally(function () { text.focus(); });
  }

  function reset() {
    turns.textContent = "";
    problem.textContent = "";
    return post("/staff/api/test/new").then(function (json) {
      sender = json.sender;
      senderLabel.textContent = sender;
    }).catch(function (e) { problem.textContent = e.message; });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var message = text.value.trim();
    if (!message) return;
    text.value = "";
    say(message);
  });
  document.getElementById("reset").addEventListener("click", reset);
  document.getElementById("export").addEventListener("click", function () {
    if (!sender) return;
    var link = document.createElement("a");
    link.href = "/staff/api/test/story?sender=" + encodeURIComponent(sender);
    link.download = "test_" + sender + ".yml";
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
  reset();
})();
