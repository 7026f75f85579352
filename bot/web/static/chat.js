// Anonymous chat: a random id per browser tab, kept in sessionStorage; no cookies.
(function () {
  "use strict";
  const log = document.getElementById("log");
  const form = document.getElementById("composer");
  const input = document.getElementById("message");
  const typing = document.getElementById("typing");
  const status = document.getElementById("status");
  const NEUTRAL_PAGE = "https://www.dr.dk/";

  function conversationId() {
    let id = sessionStorage.getItem("exitbot-id");
    if (!id) {
      const bytes = new Uint8Array(16);
      crypto.getRandomValues(bytes);
      id = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
      sessionStorage.setItem("exitbot-id", id);
    }
    return id;
  }

  function add(text, who) {
    const item = document.createElement("li");
    item.className = "msg " + who;
    item.textContent = text;
    log.appendChild(item);
    item.scrollIntoView({ block: "end" });
    return item;
  }

  function addChoices(buttons) {
    const box = document.createElement("li");
    box.className = "choices";
    buttons.forEach((b) => {
      const choice = document.createElement("button");
      choice.type = "button";
      choice.textContent = b.title;
      choice.addEventListener("click", () => { box.remove(); send(b.payload, b.title); });
      box.appendChild(choice);
    });
    log.appendChild(box);
  }

  async function send(message, shown) {
    if (shown) add(shown, "me");
    typing.hidden = false;
    status.hidden = true;
    try {
      const answer = await fetch("/api/message", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender: conversationId(), message: message }),
      });
      const data = await answer.json();
      if (!answer.ok) throw new Error(data.error || "fejl");
      data.forEach((m) => {
        if (m.text) add(m.text, "bot");
        if (m.buttons && m.buttons.length) addChoices(m.buttons);
      });
    } catch (error) {
      status.textContent = "Jeg kan ikke få forbindelse lige nu. Prøv igen om lidt. " +
        "Er du i fare, så ring 112.";
      status.hidden = false;
    } finally {
      typing.hidden = true;
    }
  }

  function quickExit() {
    sessionStorage.clear();
    window.location.replace(NEUTRAL_PAGE);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text, text);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });
  document.getElementById("quick-exit").addEventListener("click", quickExit);
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") quickExit(); });
  document.getElementById("delete").addEventListener("click", () => send("/delete_conversation", "Slet min samtale"));
  send("/greet");
})();
