/* The twitch assistant on any page: rasa-webchat 1.0.1 plus the cards of this project.
 *
 *   <div id="twitch-assistant"></div>
 *   <script src="https://ASSISTANT-HOST/embed.js" data-selector="#twitch-assistant"></script>
 *
 * data-selector: the element the chat goes into (default: a launcher button, bottom right).
 * data-embedded="true": the chat is always open inside that element.
 * A button with data-twa-say="some text" anywhere on the page sends that text to the chat.
 * The page's origin must be in the server's ALLOWED_ORIGINS (README, "Embedding").
 *
 * Beside the cards, this script makes the widget usable by keyboard and screen reader
 * (rasa-webchat draws its quick replies as plain divs and its send button as an icon):
 * quick replies become buttons, the input and the send button get names, and every new
 * bot message is read out through a live region.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = new URL(".", script ? script.src : window.location.href).href;
  var options = (script && script.dataset) || {};

  function load(path) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = base + path;
      tag.onload = resolve;
      tag.onerror = function () { reject(new Error("could not load " + path)); };
      document.head.appendChild(tag);
    });
  }

  function stylesheet(path) {
    if (document.querySelector('link[data-twa="' + path + '"]')) return;
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = base + path;
    link.setAttribute("data-twa", path);
    document.head.appendChild(link);
  }

  // React is used only to describe the cards; the widget renders them with its own copy.
  // The page's own window.React, if any, is put back.
  function loadReact() {
    var had = Object.prototype.hasOwnProperty.call(window, "React");
    var pagesReact = window.React;
    return load("vendor/react.js").then(function () {
      var ours = window.React;
      if (had) window.React = pagesReact; else delete window.React;
      return ours;
    });
  }

  // The names the widget shares with the bot (payload types, triage levels, the PDF route),
  // never spelled here: config.js carries them from their one home (web/server.py widget_names).
  var NAMES = {};
  // What the widget adds to a card's props; the rest is the payload the bot sent.
  var WIDGET_PROPS = { id: true, isLast: true, store: true, dispatch: true };

  function words(id) { return String(id || "").replace(/_/g, " "); }

  // -- Summary: print it, or save it as a PDF made by the page's server -------------------

  function twoDigits(n) { return (n < 10 ? "0" : "") + n; }

  function summaryFileName(date) {
    return "twitch-summary-" + date.getFullYear() + "-" + twoDigits(date.getMonth() + 1) + "-" + twoDigits(date.getDate()) + ".pdf";
  }

  function cardPayload(props) {
    var payload = {};
    Object.keys(props).forEach(function (key) {
      if (!WIDGET_PROPS[key] && typeof props[key] !== "function") payload[key] = props[key];
    });
    return payload;
  }

  function setStatus(card, text) {
    var status = card && card.querySelector(".twa-card-status");
    if (status) status.textContent = text;
  }

  // The page prints only a copy of this card (card.css, @media print); the copy stays
  // hidden on screen, and the page prints whole again after the dialog closes.
  function printCard(card) {
    if (!card) return;
    var root = document.querySelector(".twa-print-root");
    if (!root) {
      root = document.createElement("div");
      root.className = "twa-print-root";
      document.body.appendChild(root);
    }
    var copy = card.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll("details"), function (d) { d.open = true; });
    var dated = document.createElement("p");
    dated.className = "twa-print-date";
    dated.textContent = "Printed on " + new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
    root.textContent = "";
    root.appendChild(dated);
    root.appendChild(copy);
    var html = document.documentElement;
    html.classList.add("twa-printing");
    window.addEventListener("afterprint", function done() {
      html.classList.remove("twa-printing");
      window.removeEventListener("afterprint", done);
    });
    window.print();
  }

  function saveFile(blob, name) {
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  function downloadSummary(payload, card) {
    setStatus(card, "Making the PDF\u2026");
    return fetch(base + NAMES.SUMMARY_PDF, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload),
    }).then(function (response) {
      if (!response.ok) throw new Error("status " + response.status);
      return response.blob();
    }).then(function (blob) {
      var name = summaryFileName(new Date());
      saveFile(blob, name);
      setStatus(card, "Saved as " + name + ".");
    }).catch(function () {
      setStatus(card, "The PDF could not be made just now. Please try again, or use Print.");
    });
  }

  // -- Cards -------------------------------------------------------------------------------

  function makeCard(React) {
    var h = React.createElement;

    // A triage level's colours in card.css: twa-level-self-care for self_care; an unknown
    // level falls back to the least urgent one that sends the person to someone.
    function levelClass(triage) {
      var levels = NAMES.LEVELS || [];
      var level = levels.indexOf(triage) >= 0 ? triage : levels[1];
      return "twa-level-" + String(level).replace(/_/g, "-");
    }

    function banner(level, triage) {
      if (!level) return null;
      return h("div", { className: "twa-banner " + levelClass(triage), role: "status" },
        h("strong", { className: "twa-banner-title" }, level.title),
        level.action ? h("p", { className: "twa-banner-action" }, level.action) : null,
        level.heard ? h("p", { className: "twa-banner-heard" }, "What I heard: " + level.heard) : null,
        level.reason ? h("p", { className: "twa-banner-reason" }, level.reason) : null);
    }

    function sources(list) {
      if (!list || !list.length) return null;
      return h("details", { className: "twa-sources" },
        h("summary", null, "Sources"),
        h("ul", null, list.map(function (s, i) {
          return h("li", { key: i }, s.document + " \u2014 " + s.section);
        })));
    }

    // Foods under each nutrient they supply (payload `food_groups`); a chat stored before
    // the groups existed has only the flat list.
    function foodGroups(groups) {
      return h("div", { className: "twa-food-groups" }, groups.map(function (g) {
        return h("section", { key: g.nutrient, className: "twa-food-group" },
          h("h5", { className: "twa-food-group-name" }, g.name),
          h("ul", { className: "twa-food-list twa-inline-list" }, (g.foods || []).map(function (name, i) {
            return h("li", { key: i }, h("span", { className: "twa-food" }, name));
          })));
      }));
    }

    function foodList(p) {
      if (p.food_groups && p.food_groups.length) return foodGroups(p.food_groups);
      return h("ul", { className: "twa-food-list" }, (p.foods || []).map(function (f, i) {
        return h("li", { key: i }, h("span", { className: "twa-food" }, f.name),
          f.nutrients && f.nutrients.length ? h("span", { className: "twa-food-nutrients" }, " " + f.nutrients.map(words).join(", ")) : null);
      }));
    }

    // The text's own "(Sources: ...)" line is left out where the card lists its sources.
    function lines(text, withSources) {
      return String(text || "").split("\n").filter(function (line) {
        return line && !(withSources && /^\(Sources?: /.test(line));
      }).map(function (line, i) {
        return h("p", { key: i, className: "twa-line" }, line);
      });
    }

    function assessment(p) {
      var causes = p.causes || [];
      var top = Math.max.apply(null, causes.map(function (c) { return c.score || 0; }).concat([1e-9]));
      var announce = [p.intro, causes.map(function (c, i) { return (i + 1) + ". " + (c.name || words(c.id)); }).join("; "),
        p.level && p.level.title].filter(Boolean).join(" ");
      return h("article", { className: "twa-card twa-assessment", "aria-label": "Assessment", "data-twa-announce": announce },
        p.intro ? h("p", { className: "twa-intro" }, p.intro) : null,
        h("ol", { className: "twa-causes" }, causes.map(function (c, i) {
          var pct = Math.max(8, Math.round(100 * (c.score || 0) / top));
          return h("li", { key: c.id, className: "twa-cause" },
            h("div", { className: "twa-cause-head" },
              h("span", { className: "twa-rank", "aria-hidden": "true" }, String(i + 1)),
              h("span", { className: "twa-cause-name" }, c.name || words(c.id))),
            h("div", { className: "twa-score", role: "meter", "aria-label": "How well it fits",
                       "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": pct },
              h("div", { className: "twa-score-fill", style: { width: pct + "%" } })),
            c.evidence && c.evidence.length ? h("p", { className: "twa-why" }, "Why: " + c.evidence.join("; ")) : null,
            c.advice ? h("p", { className: "twa-helps" }, "What helps: " + c.advice) : null);
        })),
        banner(p.level, p.triage),
        p.foods && p.foods.length ? h("section", { className: "twa-foods" },
          h("h4", null, "Foods that fit your diet"), foodList(p)) : null,
        h("p", { className: "twa-disclaimer" }, p.disclaimer || ""),
        sources(p.sources));
    }

    function foods(p) {
      var heading = String(p.body || "").split("\n")[0] || "Foods";
      return h("article", { className: "twa-card twa-foods-card", "aria-label": "Foods", "data-twa-announce": heading },
        h("h4", null, heading), foodList(p), sources(p.sources));
    }

    function escalation(p) {
      if ((p.red_flags || []).indexOf(NAMES.SELF_HARM) >= 0) return crisis(p);
      var announce = p.level ? p.level.title + ". " + p.level.action : "";
      return h("article", { className: "twa-card twa-escalation", "aria-label": "Important", "data-twa-announce": announce },
        banner(p.level, p.triage), h("p", { className: "twa-disclaimer" }, p.disclaimer || ""));
    }

    // The crisis answer is the bot's own words to the person, kind words first: the card shows
    // them whole, then the banner with only what those words do not already say.
    function crisis(p) {
      var body = String(p.body || "");
      var level = p.level || {};
      function unsaid(line) { return line && body.indexOf(line) < 0 ? line : ""; }
      var rest = { title: level.title, action: unsaid(level.action), reason: unsaid(level.reason), heard: level.heard };
      return h("article", { className: "twa-card twa-escalation twa-crisis", "aria-label": "Important",
                            "data-twa-announce": body || level.action },
        h("div", { className: "twa-crisis-words" }, lines(body, false)),
        banner(rest, p.triage), h("p", { className: "twa-disclaimer" }, p.disclaimer || ""));
    }

    function text(p, label) {
      var withSources = Boolean(p.sources && p.sources.length);
      return h("article", { className: "twa-card twa-text-card", "aria-label": label },
        lines(p.body, withSources), sources(p.sources));
    }

    // "- Symptoms: twitching" lines: the name in bold, the dash dropped.
    function summaryLine(line, i) {
      var item = /^- ([^:]+): (.*)$/.exec(line);
      if (!item) return h("p", { key: i, className: "twa-line twa-summary-heading" }, line);
      return h("p", { key: i, className: "twa-line" }, h("strong", null, item[1] + ": "), item[2]);
    }

    function summary(p) {
      var payload = cardPayload(p);
      function card(event) { return event.currentTarget.closest(".twa-summary"); }
      return h("article", { className: "twa-card twa-text-card twa-summary", "aria-label": "Summary for your doctor",
                            "data-twa-announce": "Your summary for a doctor is ready. You can print it or download it as a PDF." },
        String(p.body || "").split("\n").filter(Boolean).map(summaryLine),
        sources(p.sources),
        h("div", { className: "twa-card-actions" },
          h("button", { type: "button", className: "twa-button twa-print", onClick: function (e) { printCard(card(e)); } }, "Print"),
          h("button", { type: "button", className: "twa-button twa-pdf",
                        onClick: function (e) { downloadSummary(payload, card(e)); } }, "Download PDF")),
        h("p", { className: "twa-card-status", role: "status" }));
    }

    // Where the interview is, just above its question.
    function interview(p) {
      var place = "Question " + p.number + " of " + p.total;
      return h("div", { className: "twa-progress", "data-twa-announce": place },
        h("span", { className: "twa-progress-text" }, place),
        h("span", { className: "twa-progress-bar", "aria-hidden": "true" },
          h("span", { className: "twa-progress-fill", style: { width: Math.round(100 * p.number / Math.max(p.total, 1)) + "%" } })));
    }

    return function Card(props) {
      switch (props.type) {
        case NAMES.DELETED: forgetStoredChat(); return null;
        case NAMES.ASSESSMENT: return assessment(props);
        case NAMES.FOODS: return foods(props);
        case NAMES.ESCALATION: return escalation(props);
        case NAMES.SUMMARY: return summary(props);
        case NAMES.INTERVIEW: return interview(props);
        default: return text(props, "Explanation");
      }
    };
  }

  // -- Keyboard and screen readers ----------------------------------------------------------

  var QUICK_REPLY = ".rw-reply";
  var BOT_MESSAGE = ".rw-from-response .rw-message";
  var announcer = null;
  var historyHeard = false; // the stored history is on screen: from now on, new messages are read out
  var focusFrom = -1; // bot messages on screen when a choice was made by keyboard (-1: none pending)

  function liveRegion() {
    if (announcer) return announcer;
    announcer = document.createElement("div");
    announcer.className = "twa-live twa-sr-only";
    announcer.setAttribute("role", "log");
    announcer.setAttribute("aria-live", "polite");
    announcer.setAttribute("aria-label", "New messages from the assistant");
    document.body.appendChild(announcer);
    return announcer;
  }

  function announce(text) {
    text = String(text || "").replace(/\s+/g, " ").trim();
    if (!text) return;
    var region = liveRegion();
    var line = document.createElement("p");
    line.textContent = text;
    region.appendChild(line);
    while (region.childNodes.length > 8) region.removeChild(region.firstChild);
  }

  function spoken(message) {
    var card = message.querySelector("[data-twa-announce]");
    if (card) return card.getAttribute("data-twa-announce");
    var bubble = message.querySelector(".rw-response") || message;
    return bubble.textContent;
  }

  function label(element, name) {
    if (element && !element.hasAttribute("aria-label")) element.setAttribute("aria-label", name);
  }

  // rasa-webchat's quick replies are divs with a click handler: made buttons for the keyboard.
  function upgradeReplies(scope) {
    Array.prototype.forEach.call(scope.querySelectorAll("div" + QUICK_REPLY + ":not([role])"), function (reply) {
      reply.setAttribute("role", "button");
      reply.tabIndex = 0;
    });
  }

  function upgradeControls(scope) {
    label(scope.querySelector(".rw-new-message"), "Your message");
    var send = scope.querySelector(".rw-send");
    label(send, "Send");
    Array.prototype.forEach.call(scope.querySelectorAll(".rw-send svg"), function (icon) {
      icon.setAttribute("aria-hidden", "true");
      icon.setAttribute("focusable", "false");
    });
    var list = scope.querySelector(".rw-messages-container");
    if (list && !list.hasAttribute("role")) {
      // a region keyboard users can scroll with the arrow keys
      list.setAttribute("role", "region");
      list.setAttribute("aria-label", "Conversation");
      list.tabIndex = 0;
    }
  }

  function readOutNewMessages(scope) {
    var fresh = Array.prototype.filter.call(scope.querySelectorAll(BOT_MESSAGE), function (m) {
      return !m.hasAttribute("data-twa-heard");
    });
    fresh.forEach(function (m) { m.setAttribute("data-twa-heard", ""); });
    var replies = Array.prototype.filter.call(scope.querySelectorAll(".rw-replies"), function (r) {
      return !r.hasAttribute("data-twa-heard");
    });
    replies.forEach(function (r) { r.setAttribute("data-twa-heard", ""); });
    if (!historyHeard) {
      // the first time the conversation is on screen, it is history: not read out again
      historyHeard = Boolean(scope.querySelector(".rw-messages-container"));
      return;
    }
    fresh.forEach(function (m) { announce(spoken(m)); });
    replies.forEach(function (r) {
      var titles = Array.prototype.map.call(r.querySelectorAll(QUICK_REPLY), function (b) { return b.textContent; });
      if (titles.length) announce("Choices: " + titles.join(", ") + ".");
    });
  }

  function lostFocus() {
    var active = document.activeElement;
    return !active || active === document.body || Boolean(active.closest && active.closest(".rw-messages-container"));
  }

  function choiceMadeByKeyboard() {
    focusFrom = document.querySelectorAll(BOT_MESSAGE).length;
  }

  // After a choice made by keyboard, the pressed button is gone: focus goes to the first
  // choice (or card button) of the answer, or else to the choices that stay, so nobody has
  // to Tab through the page again.
  function moveFocusOn(scope) {
    if (focusFrom < 0 || !lostFocus()) return;
    var answer = Array.prototype.slice.call(scope.querySelectorAll(BOT_MESSAGE), focusFrom);
    var target = null;
    for (var i = 0; i < answer.length && !target; i++) target = answer[i].querySelector(QUICK_REPLY + ", .twa-card-actions button");
    // an answer without choices of its own: the choices that stay
    if (!target && answer.length) target = scope.querySelector("." + STANDING + " " + QUICK_REPLY);
    if (target) {
      focusFrom = -1;
      target.focus();
    }
  }

  // -- Quick replies that stay until the conversation moves on --------------------------------

  // rasa-webchat draws a message's quick replies only while it is the last message, so an
  // answer without choices of its own (the card after "Why?") left tap-only users with no
  // buttons. The latest choices offered stay, in a row just above the input, until the
  // conversation moves on: the bot offers other choices, asks a question, sends a warning
  // card, or the conversation is deleted. They are read from the conversation the widget
  // stores (params.storage "local"); a tap sends the choice's payload under its title, as the
  // widget's own quick replies do.
  var STANDING = "twa-standing-replies";
  var webchat = null; // the widget's handle (innerRef): sendMessage(payload, title)
  var standingKey = "";

  function storedConversation() {
    try {
      return (JSON.parse(window.localStorage.getItem(STORED_CHAT)) || {}).conversation || [];
    } catch (e) { return []; } // storage blocked: the widget's own quick replies only
  }

  function movesOn(message) {
    if (message.type === "component") {
      var card = (message.props || {}).type;
      return card === NAMES.ESCALATION || card === NAMES.INTERVIEW || card === NAMES.DELETED;
    }
    return /\?\s*$/.test(String(message.text || "")); // a question of its own
  }

  // The choices still standing under the bot's last message, when the widget no longer
  // draws them itself (their message is not the last); none while the user's message waits.
  function standingReplies(conversation) {
    var standing = null;
    var last = null;
    conversation.forEach(function (message) {
      if (message.hidden) return;
      last = message;
      if (message.sender !== "response") return;
      if (message.quick_replies && message.quick_replies.length) standing = message;
      else if (movesOn(message)) standing = null;
    });
    return standing && last && last.sender === "response" && last !== standing ? standing.quick_replies : null;
  }

  function replyButton(choice) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "rw-reply";
    button.textContent = choice.title;
    button.addEventListener("click", function (event) {
      if (!webchat) return;
      if (event.detail === 0) choiceMadeByKeyboard();
      webchat.sendMessage(choice.payload, choice.title);
    });
    return button;
  }

  // Drawn again only when the choices change, so the row keeps its focus and is read out once.
  function showStandingReplies(scope) {
    var sender = scope.querySelector(".rw-sender");
    var row = scope.querySelector("." + STANDING);
    var botTyping = Boolean(scope.querySelector(".rw-typing-indication")); // more of the answer is coming
    var choices = sender && !botTyping ? standingReplies(storedConversation()) : null;
    var key = choices ? JSON.stringify(choices) : "";
    if (row && key === standingKey && row.nextSibling === sender) return;
    if (row) row.remove();
    standingKey = key;
    if (!choices) return;
    row = document.createElement("div");
    row.className = "rw-replies " + STANDING; // the widget's look
    row.setAttribute("data-twa-heard", ""); // read out when first offered, not again each time they stay
    row.setAttribute("role", "group");
    row.setAttribute("aria-label", "Choices");
    choices.forEach(function (choice) { row.appendChild(replyButton(choice)); });
    sender.parentNode.insertBefore(row, sender);
  }

  function started(scope) {
    if (scope.querySelector(".rw-from-client")) document.documentElement.classList.add("twa-started");
  }

  function onWidgetChange() {
    var scope = document.body;
    showStandingReplies(scope);
    upgradeReplies(scope);
    upgradeControls(scope);
    readOutNewMessages(scope);
    moveFocusOn(scope);
    started(scope);
  }

  function isReplyButton(element) {
    return Boolean(element && element.matches && element.matches("div" + QUICK_REPLY + "[role=button]"));
  }

  // Enter presses a button at once, Space when it is released (as native buttons do).
  function onKey(event) {
    if (!isReplyButton(event.target)) return;
    var key = event.key;
    if (event.type === "keydown" && (key === "Enter" || key === " " || key === "Spacebar")) {
      event.preventDefault(); // no scrolling on Space
      if (key === "Enter") { choiceMadeByKeyboard(); event.target.click(); }
    } else if (event.type === "keyup" && (key === " " || key === "Spacebar")) {
      event.preventDefault();
      choiceMadeByKeyboard();
      event.target.click();
    }
  }

  function watchWidget() {
    liveRegion();
    document.addEventListener("keydown", onKey, true);
    document.addEventListener("keyup", onKey, true);
    new MutationObserver(onWidgetChange).observe(document.body, { childList: true, subtree: true });
    onWidgetChange();
  }

  // -- Example messages (any button with data-twa-say) -----------------------------------------

  // Typed into the widget's own box and sent by its own form, as if the user had typed it.
  function say(text) {
    var box = document.querySelector(".rw-new-message");
    var form = box && box.closest("form");
    if (!box || !form || box.disabled) return false;
    var setValue = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(box), "value").set;
    setValue.call(box, text);
    box.dispatchEvent(new Event("input", { bubbles: true }));
    form.dispatchEvent(new Event("submit", { cancelable: true }));
    return true;
  }

  function wireExamples() {
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("[data-twa-say]");
      if (!button) return;
      event.preventDefault();
      // a click from the keyboard has no pointer position (detail 0)
      if (event.detail === 0) choiceMadeByKeyboard();
      if (!say(button.getAttribute("data-twa-say"))) focusFrom = -1;
    });
  }

  // -- Deleting the conversation ------------------------------------------------------------

  // "Delete my data": the server erased the conversation; the browser's copy goes too. The
  // widget saves its state again on every change, so the copy is dropped now and once more
  // before the widget starts on the next page load.
  var STORED_CHAT = "chat_session";
  var FORGET_FLAG = "twa-forget-chat";

  function forgetStoredChat() {
    try {
      window.localStorage.removeItem(STORED_CHAT);
      window.localStorage.setItem(FORGET_FLAG, "1");
    } catch (e) { /* storage blocked: nothing was stored */ }
  }

  function dropForgottenChat() {
    try {
      if (window.localStorage.getItem(FORGET_FLAG)) {
        window.localStorage.removeItem(STORED_CHAT);
        window.localStorage.removeItem(FORGET_FLAG);
      }
    } catch (e) { /* storage blocked */ }
  }

  function container() {
    var selector = options.selector;
    var element = selector ? document.querySelector(selector) : null;
    if (selector && !element) console.warn("twitch assistant: no element matches " + selector);
    return element;
  }

  function start(React) {
    var config = window.TWITCH_ASSISTANT_CONFIG || {};
    if (!config.names) throw new Error("config.js has no names");
    NAMES = config.names;
    dropForgottenChat();
    window.WebChat.default({
      selector: options.selector || "#rasaWebchatPro",
      initPayload: "/greet",
      socketUrl: config.socketUrl,
      socketPath: config.socketPath || "/socket.io/",
      customData: { language: "en" },
      title: config.title || "Muscle twitching helper",
      subtitle: "General information, not a diagnosis",
      inputTextFieldHint: "Describe your twitching...",
      embedded: options.embedded === "true",
      showFullScreenButton: false,
      params: { storage: "local" },
      customMessageDelay: function () { return 250; },
      customComponent: makeCard(React),
      innerRef: function (handle) { webchat = handle; },
      // the deletion is acted on as soon as it arrives, before the widget shows it
      onSocketEvent: {
        bot_uttered: function (message) {
          var data = (message && message.custom) || message || {};
          if (data.type === NAMES.DELETED) forgetStoredChat();
        },
      },
    }, container());
  }

  function whenBodyExists(run) {
    if (document.body) run(); else document.addEventListener("DOMContentLoaded", run);
  }

  document.documentElement.classList.add("twa-widget");
  stylesheet("card.css");
  whenBodyExists(watchWidget);
  wireExamples();
  load("config.js")
    .then(loadReact)
    .then(function (React) { return load("vendor/webchat.js").then(function () { start(React); }); })
    .catch(function (error) {
      var element = container() || document.body;
      var note = document.createElement("p");
      note.className = "twa-error";
      note.textContent = "The chat could not start (" + error.message + "). Please try again later.";
      element.appendChild(note);
    });
})();
