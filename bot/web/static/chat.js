// Exit-chat. An unguessable id per browser tab in sessionStorage; no cookies, no analytics.
(function () {
  "use strict";
  var KEY = "exitbot-id";
  var log = document.getElementById("log");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var typing = document.getElementById("typing");
  var status = document.getElementById("status");
  var statusText = document.getElementById("status-text");
  var retry = document.getElementById("retry");
  var announcer = document.getElementById("announcer");
  var meta = document.querySelector('meta[name="exitbot-quick-exit"]');
  var QUICK_EXIT = (meta && meta.content) || "https://www.dr.dk/";
  var UNREACHABLE = "Jeg kan ikke få forbindelse til assistenten lige nu. Prøv igen om lidt. " +
    "Er du i fare, så ring 112.";
  var failed = null;        // the message to send again after a failure
  var deleteOffered = false; // the assistant asked "Vil du slette hele samtalen?"
  var busy = false;

  function newId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return b.toString(16).padStart(2, "0");
    }).join("");
  }

  function conversationId() {
    var id = sessionStorage.getItem(KEY);
    if (!id) {
      id = newId();
      sessionStorage.setItem(KEY, id);
    }
    return id;
  }

  function scrollToEnd(element) {
    element.scrollIntoView({ block: "end", behavior: "auto" });
  }

  function add(text, who) {
    var item = document.createElement("li");
    item.className = "msg " + who;
    var label = document.createElement("span");
    label.className = "who";
    label.textContent = who === "me" ? "Dig: " : (who === "bot" ? "Assistenten: " : "");
    item.appendChild(label);
    item.appendChild(document.createTextNode(text));
    log.appendChild(item);
    scrollToEnd(item);
    return item;
  }

  function announce(text) {
    var line = document.createElement("p");
    line.textContent = "Assistenten: " + text;
    announcer.appendChild(line);
    while (announcer.childNodes.length > 4) announcer.removeChild(announcer.firstChild);
  }

  function removeChoices() {
    Array.prototype.forEach.call(log.querySelectorAll(".choices"), function (box) { box.remove(); });
  }

  function addChoices(buttons) {
    var box = document.createElement("li");
    box.className = "choices";
    box.setAttribute("aria-label", "Svarmuligheder");
    buttons.forEach(function (b) {
      var choice = document.createElement("button");
      choice.type = "button";
      choice.textContent = b.title;
      choice.dataset.payload = b.payload;
      choice.addEventListener("click", function () {
        if (busy) return;
        send(b.payload, b.title, true);
      });
      box.appendChild(choice);
    });
    log.appendChild(box);
    scrollToEnd(box);
    return box;
  }

  function showProblem(text) {
    statusText.textContent = text;
    status.hidden = false;
    scrollToEnd(status);
  }

  function startOver(reply) {
    sessionStorage.removeItem(KEY);
    conversationId();
    log.textContent = "";
    reply.forEach(function (m) { if (m.text) { add(m.text, "bot"); announce(m.text); } });
    add("Samtalen er slettet. En ny, tom samtale er startet.", "note");
  }

  function send(message, shown, fromChoice) {
    busy = true;
    var confirmsDelete = deleteOffered && message === "/affirm";
    deleteOffered = false;
    removeChoices();
    if (shown) add(shown, "me");
    typing.hidden = false;
    status.hidden = true;
    scrollToEnd(typing);
    return fetch("/api/message", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: conversationId(), message: message }),
      credentials: "omit",
      cache: "no-store",
    }).then(function (answer) {
      return answer.json().catch(function () { return {}; }).then(function (data) {
        if (!answer.ok || !Array.isArray(data)) {
          var error = new Error((data && data.error) || UNREACHABLE);
          error.clientSide = answer.status === 400;
          throw error;
        }
        return data;
      });
    }).then(function (data) {
      failed = null;
      if (confirmsDelete) { startOver(data); return; }
      var firstChoice = null;
      data.forEach(function (m) {
        if (m.text) { add(m.text, "bot"); announce(m.text); }
        if (m.buttons && m.buttons.length) {
          var box = addChoices(m.buttons);
          firstChoice = firstChoice || box.querySelector("button");
          deleteOffered = m.buttons.some(function (b) {
            return b.payload === "/affirm" && /^ja, slet/i.test(b.title);
          });
        }
      });
      if (fromChoice) (firstChoice || input).focus();
    }).catch(function (error) {
      if (error && error.clientSide) { showProblem(error.message); return; }
      failed = { message: message, fromChoice: fromChoice };
      showProblem(UNREACHABLE);
      retry.focus();
    }).finally(function () {
      typing.hidden = true;
      busy = false;
    });
  }

  function quickExit() {
    try { sessionStorage.clear(); } catch (e) { /* nothing to clear */ }
    document.body.textContent = "";
    window.location.replace(QUICK_EXIT);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text || busy) return;
    input.value = "";
    resize();
    send(text, text, false);
  });
  function resize() {
    input.style.height = "auto";
    input.style.height = Math.min(input.scrollHeight + 4, 144) + "px";
  }
  input.addEventListener("input", resize);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  retry.addEventListener("click", function () {
    if (!failed || busy) return;
    send(failed.message, null, failed.fromChoice);
  });
  document.getElementById("quick-exit").addEventListener("click", quickExit);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") quickExit();
  });
  document.getElementById("delete").addEventListener("click", function () {
    if (busy) return;
    send("/delete_conversation", "Slet min samtale", true);
  });
  send("/greet", null, false);
})();
