/* The twitch assistant on any page: rasa-webchat 1.0.1 plus the cards of this project.
 *
 *   <div id="twitch-assistant"></div>
 *   <script src="https://ASSISTANT-HOST/embed.js" data-selector="#twitch-assistant"></script>
 *
 * data-selector: the element the chat goes into (default: a launcher button, bottom right).
 * data-embedded="true": the chat is always open inside that element.
 * The page's origin must be in the server's ALLOWED_ORIGINS (README, "Embedding").
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

  var LEVEL_CLASS = { self_care: "self-care", doctor: "doctor", urgent: "urgent", emergency: "emergency" };

  function words(id) { return String(id || "").replace(/_/g, " "); }

  function makeCard(React) {
    var h = React.createElement;

    function banner(level, triage) {
      if (!level) return null;
      return h("div", { className: "twa-banner twa-level-" + (LEVEL_CLASS[triage] || "doctor"), role: "status" },
        h("strong", { className: "twa-banner-title" }, level.title),
        h("p", { className: "twa-banner-action" }, level.action),
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

    function foodList(foods) {
      return h("ul", { className: "twa-food-list" }, foods.map(function (f, i) {
        return h("li", { key: i }, h("span", { className: "twa-food" }, f.name),
          f.nutrients && f.nutrients.length ? h("span", { className: "twa-food-nutrients" }, " " + f.nutrients.map(words).join(", ")) : null);
      }));
    }

    function lines(text) {
      return String(text || "").split("\n").filter(Boolean).map(function (line, i) {
        return h("p", { key: i, className: "twa-line" }, line);
      });
    }

    function assessment(p) {
      var causes = p.causes || [];
      var top = Math.max.apply(null, causes.map(function (c) { return c.score || 0; }).concat([1e-9]));
      return h("article", { className: "twa-card twa-assessment", "aria-label": "Assessment" },
        p.intro ? h("p", { className: "twa-intro" }, p.intro) : null,
        h("ol", { className: "twa-causes" }, causes.map(function (c, i) {
          var pct = Math.max(8, Math.round(100 * (c.score || 0) / top));
          return h("li", { key: c.id, className: "twa-cause" },
            h("div", { className: "twa-cause-head" },
              h("span", { className: "twa-rank" }, String(i + 1)),
              h("span", { className: "twa-cause-name" }, c.name || words(c.id))),
            h("div", { className: "twa-score", role: "meter", "aria-label": "How well it fits",
                       "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": pct },
              h("div", { className: "twa-score-fill", style: { width: pct + "%" } })),
            c.evidence && c.evidence.length ? h("p", { className: "twa-why" }, "Why: " + c.evidence.join("; ")) : null,
            c.advice ? h("p", { className: "twa-helps" }, "What helps: " + c.advice) : null);
        })),
        banner(p.level, p.triage),
        p.foods && p.foods.length ? h("section", { className: "twa-foods" },
          h("h4", null, "Foods that fit your diet"), foodList(p.foods)) : null,
        h("p", { className: "twa-disclaimer" }, p.disclaimer || ""),
        sources(p.sources));
    }

    function foods(p) {
      var heading = String(p.body || "").split("\n")[0] || "Foods";
      return h("article", { className: "twa-card twa-foods-card", "aria-label": "Foods" },
        h("h4", null, heading), foodList(p.foods || []), sources(p.sources));
    }

    function escalation(p) {
      return h("article", { className: "twa-card twa-escalation", "aria-label": "Important" },
        banner(p.level, p.triage), h("p", { className: "twa-disclaimer" }, p.disclaimer || ""));
    }

    function text(p, label) {
      return h("article", { className: "twa-card twa-text-card", "aria-label": label }, lines(p.body), sources(p.sources));
    }

    return function Card(props) {
      switch (props.type) {
        case "deleted": forgetStoredChat(); return null;
        case "assessment": return assessment(props);
        case "foods": return foods(props);
        case "escalation": return escalation(props);
        case "summary": return text(props, "Summary");
        default: return text(props, "Explanation");
      }
    };
  }

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
      // the deletion is acted on as soon as it arrives, before the widget shows it
      onSocketEvent: {
        bot_uttered: function (message) {
          var data = (message && message.custom) || message || {};
          if (data.type === "deleted") forgetStoredChat();
        },
      },
    }, container());
  }

  stylesheet("card.css");
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
